package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.crypto.AdvSignatures;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.VectorFile;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.AdvProtos.ADVDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PairSuccessTest {

    private final Credentials creds = FixedCreds.creds();
    private final TestPhone phone = new TestPhone("15551234567", new FixedRandom("phone"));

    @Test
    void reproducesTheReferenceReplyForItsVector() {
        JsonNode v = VectorFile.read("adv.json").get("pairing");
        Node iq = Node.of("iq", Attributes.of("id", "pair-1", "type", "set", "from", "@s.whatsapp.net"), List.of(
                Node.of("pair-success", Attributes.empty(), List.of(
                        Node.of("device-identity", Attributes.empty(), VectorFile.hex(v.get("signedDeviceIdentityHmac"))),
                        Node.of("device", Attributes.of("jid", "15551234567:7@s.whatsapp.net", "lid",
                                "987654321:7@lid"))))));
        PairSuccess.Accepted accepted = (PairSuccess.Accepted) PairSuccess.verify(iq, creds);
        Node identity = accepted.reply().child("pair-device-sign").child("device-identity");
        assertThat(identity.attr("key-index")).isEqualTo(v.get("replyKeyIndex").asString());
        assertThat(VectorFile.hex(((NodeContent.Bytes) identity.content()).data()))
                .isEqualTo(v.get("replyDeviceIdentity").asString());
        assertThat(accepted.reply().attr("type")).isEqualTo("result");
        assertThat(accepted.reply().attr("id")).isEqualTo("pair-1");
        assertThat(VectorFile.hex(accepted.credentials().account())).isEqualTo(v.get("withSignatureKey").asString());
        assertThat(accepted.credentials().me()).isEqualTo(Jid.parse("15551234567:7@s.whatsapp.net"));
        assertThat(accepted.credentials().meLid()).isEqualTo(Jid.parse("987654321:7@lid"));
        assertThat(VectorFile.hex(accepted.credentials().phoneIdentityKey())).isEqualTo(v.get("accountPublic").asString());
    }

    @Test
    void acceptsASignedPairSuccessAndSignsTheDevice() throws Exception {
        Node iq = phone.pairSuccess("p1", creds.identityKey().publicKey(), creds.advSecret(), 3, 5, false,
                TestPhone.Tamper.NONE);
        PairSuccess.Accepted accepted = (PairSuccess.Accepted) PairSuccess.verify(iq, creds);
        ADVSignedDeviceIdentity account = ADVSignedDeviceIdentity.parseFrom(accepted.credentials().account());
        assertThat(XEdDsa.verify(creds.identityKey().publicKey(), AdvSignatures.deviceSignatureMessage(
                account.getDetails().toByteArray(), creds.identityKey().publicKey(), phone.account.publicKey()),
                account.getDeviceSignature().toByteArray())).isTrue();
        assertThat(ADVDeviceIdentity.parseFrom(account.getDetails()).getKeyIndex()).isEqualTo(5);
        assertThat(accepted.reply().child("pair-device-sign").child("device-identity").attr("key-index"))
                .isEqualTo("5");
        assertThat(accepted.credentials().platform()).isEqualTo("android");
        assertThat(accepted.credentials().phoneIdentityKey()).isEqualTo(phone.account.publicKey());
    }

    @Test
    void acceptsTheHostedHmacVariant() {
        Node iq = phone.pairSuccess("p1", creds.identityKey().publicKey(), creds.advSecret(), 3, 1, true,
                TestPhone.Tamper.NONE);
        assertThat(PairSuccess.verify(iq, creds)).isInstanceOf(PairSuccess.Accepted.class);
    }

    @Test
    void refusesABadHmacLikeWhatsmeow() {
        Node iq = phone.pairSuccess("p9", creds.identityKey().publicKey(), creds.advSecret(), 3, 1, false,
                TestPhone.Tamper.HMAC);
        PairSuccess.Rejected rejected = (PairSuccess.Rejected) PairSuccess.verify(iq, creds);
        assertThat(rejected.reply().attr("type")).isEqualTo("error");
        assertThat(rejected.reply().attr("id")).isEqualTo("p9");
        assertThat(rejected.reply().child("error").attr("code")).isEqualTo("401");
        assertThat(rejected.reply().child("error").attr("text")).isEqualTo("hmac-mismatch");
    }

    @Test
    void reallyVerifiesTheAccountSignature() {
        Node iq = phone.pairSuccess("p2", creds.identityKey().publicKey(), creds.advSecret(), 3, 1, false,
                TestPhone.Tamper.ACCOUNT_SIGNATURE);
        PairSuccess.Rejected rejected = (PairSuccess.Rejected) PairSuccess.verify(iq, creds);
        assertThat(rejected.text()).isEqualTo("signature-mismatch");
        assertThat(rejected.code()).isEqualTo(401);
    }

    @Test
    void refusesAnAttestationForAnotherIdentityAndMalformedInput() {
        Node forOther = phone.pairSuccess("p3", new byte[32], creds.advSecret(), 3, 1, false, TestPhone.Tamper.NONE);
        assertThat(((PairSuccess.Rejected) PairSuccess.verify(forOther, creds)).text()).isEqualTo("signature-mismatch");
        Node garbage = Node.of("iq", Attributes.of("id", "p4"), List.of(Node.of("pair-success", Attributes.empty(),
                List.of(Node.of("device-identity", Attributes.empty(), new byte[] {(byte) 0xff, 0x01}),
                        Node.of("device", Attributes.of("jid", "1555:1@s.whatsapp.net"))))));
        assertThat(((PairSuccess.Rejected) PairSuccess.verify(garbage, creds)).code()).isEqualTo(500);
        Node missing = Node.of("iq", Attributes.of("id", "p5"), List.of(Node.of("pair-success")));
        assertThat(((PairSuccess.Rejected) PairSuccess.verify(missing, creds)).text()).isEqualTo("internal-error");
    }
}
