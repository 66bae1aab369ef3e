package com.wagateway.whatsapp.client;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.AdvSignatures;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.proto.AdvProtos.ADVDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVEncryptionType;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentityHMAC;
import java.util.List;

/** The primary phone of a test account: signs pair-success the way §6 step 5 describes. */
final class TestPhone {

    /** How to spoil a pair-success, to check the client refuses it. */
    enum Tamper { NONE, HMAC, ACCOUNT_SIGNATURE }

    final Curve25519KeyPair account;
    final String number;

    TestPhone(String number, RandomSource random) {
        this.number = number;
        this.account = Curve25519.generateKeyPair(random);
    }

    /** pair-success for a companion with {@code identityPub}, HMAC'd with {@code advSecret}. */
    Node pairSuccess(String id, byte[] identityPub, byte[] advSecret, int device, int keyIndex, boolean hosted,
                     Tamper tamper) {
        byte[] details = ADVDeviceIdentity.newBuilder().setRawId(42).setTimestamp(1_700_000_000L)
                .setKeyIndex(keyIndex).setAccountType(ADVEncryptionType.E2EE)
                .setDeviceType(ADVEncryptionType.E2EE).build().toByteArray();
        byte[] accountSignature = XEdDsa.sign(account.privateKey(),
                AdvSignatures.accountSignatureMessage(details, identityPub, false));
        if (tamper == Tamper.ACCOUNT_SIGNATURE) {
            accountSignature[10] ^= 1;
        }
        byte[] signed = ADVSignedDeviceIdentity.newBuilder().setDetails(ByteString.copyFrom(details))
                .setAccountSignatureKey(ByteString.copyFrom(account.publicKey()))
                .setAccountSignature(ByteString.copyFrom(accountSignature)).build().toByteArray();
        byte[] hmac = AdvSignatures.identityHmac(advSecret, signed, hosted);
        if (tamper == Tamper.HMAC) {
            hmac[0] ^= 1;
        }
        ADVSignedDeviceIdentityHMAC.Builder container = ADVSignedDeviceIdentityHMAC.newBuilder()
                .setDetails(ByteString.copyFrom(signed)).setHmac(ByteString.copyFrom(hmac));
        if (hosted) {
            container.setAccountType(ADVEncryptionType.HOSTED);
        }
        return Node.of("iq", Attributes.of("from", "@s.whatsapp.net", "type", "set", "id", id), List.of(
                Node.of("pair-success", Attributes.empty(), List.of(
                        Node.of("device-identity", Attributes.empty(), container.build().toByteArray()),
                        Node.of("platform", Attributes.of("name", "android")),
                        Node.of("device", Attributes.of("jid", number + ":" + device + "@s.whatsapp.net",
                                "lid", "9876543210:" + device + "@lid"))))));
    }
}
