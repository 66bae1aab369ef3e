package com.wagateway.whatsapp.crypto;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** XEdDSA against Baileys 7.0.0-rc14's Curve.sign / curve25519-js verify (vectors/xeddsa.json, §9.2). */
class XEdDsaVectorsTest {

    private final JsonNode vectors = VectorFile.read("xeddsa.json");

    @Test
    void publicKeysMatchTheReference() {
        for (JsonNode v : vectors.get("signatures")) {
            assertThat(hex(Curve25519.fromPrivateKey(hex(v.get("privateKey"))).publicKey()))
                    .isEqualTo(v.get("publicKey").asString());
        }
    }

    @Test
    void signIsByteIdenticalToBaileysCurveSign() {
        JsonNode signatures = vectors.get("signatures");
        assertThat(signatures.size()).isGreaterThanOrEqualTo(30);
        for (JsonNode v : signatures) {
            byte[] signature = XEdDsa.sign(hex(v.get("privateKey")), hex(v.get("message")));
            assertThat(hex(signature)).as("signature over %s", v.get("message").asString())
                    .isEqualTo(v.get("signature").asString());
        }
    }

    @Test
    void verifyAcceptsEveryReferenceSignature() {
        for (JsonNode v : vectors.get("signatures")) {
            assertThat(XEdDsa.verify(hex(v.get("publicKey")), hex(v.get("message")), hex(v.get("signature")))).isTrue();
        }
    }

    @Test
    void verifyGivesTheSameVerdictAsCurve25519JsOnTamperedInput() {
        int invalid = 0;
        for (JsonNode v : vectors.get("verdicts")) {
            boolean expected = v.get("valid").asBoolean();
            invalid += expected ? 0 : 1;
            assertThat(XEdDsa.verify(hex(v.get("publicKey")), hex(v.get("message")), hex(v.get("signature"))))
                    .as(v.get("name").asString()).isEqualTo(expected);
        }
        assertThat(invalid).isGreaterThanOrEqualTo(5);
    }
}
