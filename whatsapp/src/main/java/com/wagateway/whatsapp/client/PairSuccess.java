package com.wagateway.whatsapp.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.crypto.AdvSignatures;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.AdvProtos.ADVDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVEncryptionType;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentityHMAC;
import java.util.List;

/**
 * The companion's check of {@code pair-success} (fact sheet §6 steps 5–7): HMAC with the ADV secret (hosted
 * variant too), the phone's account signature <em>really</em> verified (Baileys 7.x ignores the result), our
 * device signature, the {@code pair-device-sign} reply and the credentials to store. Pure: no I/O.
 */
final class PairSuccess {

    /** What the client does with a pair-success. */
    sealed interface Outcome permits Accepted, Rejected {}

    /** Store {@code credentials}, then send {@code reply}. */
    record Accepted(Credentials credentials, Node reply) implements Outcome {}

    /** Send {@code reply} (an iq error as whatsmeow sends it) and stop: {@code why} is for logs and users. */
    record Rejected(int code, String text, String why, Node reply) implements Outcome {}

    private PairSuccess() {
    }

    static Outcome verify(Node iq, Credentials creds) {
        String id = iq.attr("id");
        Node pairSuccess = iq.child("pair-success");
        Node identityNode = pairSuccess == null ? null : pairSuccess.child("device-identity");
        Node deviceNode = pairSuccess == null ? null : pairSuccess.child("device");
        if (identityNode == null || deviceNode == null || !(identityNode.content() instanceof NodeContent.Bytes b)) {
            return rejected(id, 500, "internal-error", "pair-success lacks device-identity or device");
        }
        Jid me = Jid.tryParse(deviceNode.attr("jid"));
        Jid lid = Jid.tryParse(deviceNode.attr("lid"));
        if (me == null || !Jid.WHATSAPP.equals(me.server())) {
            return rejected(id, 500, "internal-error", "pair-success device jid is not a phone-number JID");
        }
        try {
            ADVSignedDeviceIdentityHMAC container = ADVSignedDeviceIdentityHMAC.parseFrom(b.data());
            byte[] details = container.getDetails().toByteArray();
            boolean hostedAccount = container.hasAccountType()
                    && container.getAccountType() == ADVEncryptionType.HOSTED;
            if (!AdvSignatures.verifyIdentityHmac(creds.advSecret(), details, hostedAccount,
                    container.getHmac().toByteArray())) {
                return rejected(id, 401, "hmac-mismatch", "device identity HMAC does not match our ADV secret");
            }
            ADVSignedDeviceIdentity account = ADVSignedDeviceIdentity.parseFrom(details);
            byte[] deviceDetails = account.getDetails().toByteArray();
            ADVDeviceIdentity deviceIdentity = ADVDeviceIdentity.parseFrom(deviceDetails);
            byte[] accountKey = account.getAccountSignatureKey().toByteArray();
            byte[] identityPub = creds.identityKey().publicKey();
            boolean hostedDevice = deviceIdentity.getDeviceType() == ADVEncryptionType.HOSTED;
            if (accountKey.length != 32 || !XEdDsa.verify(accountKey,
                    AdvSignatures.accountSignatureMessage(deviceDetails, identityPub, hostedDevice),
                    account.getAccountSignature().toByteArray())) {
                return rejected(id, 401, "signature-mismatch", "the phone's account signature does not verify");
            }
            byte[] deviceSignature = XEdDsa.sign(creds.identityKey().privateKey(),
                    AdvSignatures.deviceSignatureMessage(deviceDetails, identityPub, accountKey));
            ADVSignedDeviceIdentity signed = account.toBuilder()
                    .setDeviceSignature(ByteString.copyFrom(deviceSignature)).build();
            // Baileys encodeSignedDeviceIdentity(account, false): the reply leaves the account key out
            byte[] replyIdentity = signed.toBuilder().clearAccountSignatureKey().build().toByteArray();
            Node pairDeviceSign = Node.of("pair-device-sign", Attributes.empty(), List.of(
                    Node.of("device-identity", Attributes.of("key-index",
                            Integer.toUnsignedString(deviceIdentity.getKeyIndex())), replyIdentity)));
            Node reply = Node.of("iq", Attributes.of("to", NodeConnection.SERVER, "type", "result", "id", id),
                    List.of(pairDeviceSign));
            Node platform = pairSuccess.child("platform");
            Node biz = pairSuccess.child("biz");
            Credentials updated = creds.withPairing(me, lid, signed.toByteArray(),
                    platform == null ? null : platform.attr("name"), accountKey,
                    biz == null ? null : biz.attr("name"));
            return new Accepted(updated, reply);
        } catch (InvalidProtocolBufferException e) {
            return rejected(id, 500, "internal-error", "device identity does not parse: " + e.getMessage());
        }
    }

    private static Rejected rejected(String id, int code, String text, String why) {
        Node reply = Node.of("iq", Attributes.of("to", NodeConnection.SERVER, "type", "error", "id",
                        id == null ? "" : id),
                List.of(Node.of("error", Attributes.of("code", Integer.toString(code), "text", text))));
        return new Rejected(code, text, why, reply);
    }
}
