package com.wagateway.whatsapp.crypto;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.proto.AdvProtos.ADVDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentityHMAC;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pairing attestation (fact sheet §6 step 6) against Baileys' configureSuccessfulPairing with fixed
 * keys (vectors/adv.json): HMAC, account signature, the device signature Baileys produced, and the
 * encodeSignedDeviceIdentity reply bytes.
 */
class AdvVectorsTest {

    private final JsonNode v = VectorFile.read("adv.json").get("pairing");

    @Test
    void verifiesThePhonesAttestationAndReproducesTheCompanionsReply() throws Exception {
        ADVSignedDeviceIdentityHMAC wrapper = ADVSignedDeviceIdentityHMAC.parseFrom(hex(v.get("signedDeviceIdentityHmac")));
        byte[] details = wrapper.getDetails().toByteArray();
        assertThat(AdvSignatures.verifyIdentityHmac(hex(v.get("advSecretKey")), details, false, wrapper.getHmac().toByteArray())).isTrue();
        assertThat(AdvSignatures.verifyIdentityHmac(hex(v.get("advSecretKey")), details, true, wrapper.getHmac().toByteArray())).isFalse();

        ADVSignedDeviceIdentity account = ADVSignedDeviceIdentity.parseFrom(details);
        byte[] identity = hex(v.get("identityPublic"));
        byte[] deviceDetails = account.getDetails().toByteArray();
        assertThat(ADVDeviceIdentity.parseFrom(deviceDetails).getKeyIndex()).isEqualTo(3);
        assertThat(XEdDsa.verify(account.getAccountSignatureKey().toByteArray(),
                AdvSignatures.accountSignatureMessage(deviceDetails, identity, false),
                account.getAccountSignature().toByteArray())).isTrue();

        byte[] deviceSignature = XEdDsa.sign(hex(v.get("identityPrivate")),
                AdvSignatures.deviceSignatureMessage(deviceDetails, identity, account.getAccountSignatureKey().toByteArray()));
        assertThat(hex(deviceSignature)).isEqualTo(v.get("deviceSignature").asString());

        ADVSignedDeviceIdentity signedByUs = account.toBuilder().setDeviceSignature(ByteString.copyFrom(deviceSignature)).build();
        assertThat(hex(signedByUs.toBuilder().clearAccountSignatureKey().build().toByteArray()))
                .isEqualTo(v.get("replyDeviceIdentity").asString());
        assertThat(hex(signedByUs.toByteArray())).isEqualTo(v.get("withSignatureKey").asString());
    }

    @Test
    void aForgedAccountSignatureIsRejected() throws Exception {
        ADVSignedDeviceIdentity account = ADVSignedDeviceIdentity.parseFrom(hex(v.get("signedDeviceIdentity")));
        byte[] forged = account.getAccountSignature().toByteArray();
        forged[5] ^= 1;
        assertThat(XEdDsa.verify(account.getAccountSignatureKey().toByteArray(),
                AdvSignatures.accountSignatureMessage(account.getDetails().toByteArray(), hex(v.get("identityPublic")), false),
                forged)).isFalse();
    }
}
