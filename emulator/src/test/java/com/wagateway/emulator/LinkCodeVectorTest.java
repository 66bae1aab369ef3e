package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.emulator.protocol.CodeWrap;
import com.wagateway.emulator.protocol.LinkCodeCrypto;
import com.wagateway.emulator.protocol.PairingException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The phone half of code pairing against values the reference computed
 * (tools/interop/gen-emulator-vectors.mjs, Baileys 7.0.0-rc14 primitives as its companion uses them).
 */
class LinkCodeVectorTest {

    static JsonNode v;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = LinkCodeVectorTest.class.getResourceAsStream("/vectors/link-code.json")) {
            v = JsonMapper.builder().build().readTree(in);
        }
    }

    static byte[] hex(String field) {
        return HexFormat.of().parseHex(v.path(field).asString());
    }

    static byte[] advSecret(String code, byte[] bundle, byte[] companionIdentity) throws PairingException {
        return LinkCodeCrypto.phoneAdvSecret(code, hex("wrappedCompanionEphemeral"),
                Curve25519.fromPrivateKey(hex("phoneEphemeralPrivate")),
                Curve25519.fromPrivateKey(hex("phoneIdentityPrivate")), bundle, companionIdentity);
    }

    @Test
    void unwrapReadsTheReferencesCodeWrap() {
        String code = v.path("code").asString();
        assertThat(CodeWrap.unwrap(code, hex("wrappedCompanionEphemeral"))).isEqualTo(hex("companionEphemeralPublic"));
        assertThat(CodeWrap.unwrap(code, hex("wrappedPrimaryEphemeral"))).isEqualTo(hex("phoneEphemeralPublic"));
    }

    @Test
    void thePhoneDerivesTheAdvSecretTheCompanionDerived() throws Exception {
        assertThat(advSecret(v.path("code").asString(), hex("wrappedKeyBundle"), hex("companionIdentityPublic")))
                .isEqualTo(hex("advSecret"));
    }

    @Test
    void anotherCodeIsAWrongCode() {
        String code = v.path("code").asString();
        String other = (code.charAt(0) == 'Z' ? "Y" : "Z") + code.substring(1);
        assertThatThrownBy(() -> advSecret(other, hex("wrappedKeyBundle"), hex("companionIdentityPublic")))
                .isInstanceOfSatisfying(PairingException.class,
                        e -> assertThat(e.kind()).isEqualTo(PairingException.Kind.WRONG_CODE));
    }

    @Test
    void aBundleForAnotherIdentityIsRejected() {
        Curve25519KeyPair stranger = Curve25519.fromPrivateKey(new byte[32]);
        assertThatThrownBy(() -> advSecret(v.path("code").asString(), hex("wrappedKeyBundle"), stranger.publicKey()))
                .isInstanceOfSatisfying(PairingException.class,
                        e -> assertThat(e.kind()).isEqualTo(PairingException.Kind.REJECTED));
        byte[] shortBundle = new byte[100];
        assertThatThrownBy(() -> advSecret(v.path("code").asString(), shortBundle, hex("companionIdentityPublic")))
                .isInstanceOf(PairingException.class);
    }

    @Test
    void wrapThenUnwrapRoundTrips() {
        byte[] key = hex("phoneEphemeralPublic");
        byte[] wrapped = CodeWrap.wrap("ABCDEFGH", key, com.wagateway.whatsapp.crypto.RandomSource.secure());
        assertThat(wrapped).hasSize(CodeWrap.WRAPPED_LENGTH);
        assertThat(CodeWrap.unwrap("ABCDEFGH", wrapped)).isEqualTo(key);
        assertThat(CodeWrap.unwrap("ABCDEFGJ", wrapped)).isNotEqualTo(key);
    }
}
