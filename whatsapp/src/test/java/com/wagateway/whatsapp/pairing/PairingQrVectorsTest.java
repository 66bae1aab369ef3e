package com.wagateway.whatsapp.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.VectorFile;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pairing QR text against Baileys 7.0.0-rc14's {@code buildPairingQRData} and
 * {@code getCompanionPlatformId} (vectors/pairing-qr.json, {@code gen-pairing.mjs}): the same string for
 * every ref, key set and browser tuple, the same platform id, and {@link PairingQr#parse} reads each
 * string back to its parts.
 */
class PairingQrVectorsTest {

    private static final Base64.Decoder B64 = Base64.getDecoder();

    @Test
    void buildsAndParsesExactlyWhatBaileysBuilds() throws Exception {
        JsonNode cases = VectorFile.read("pairing-qr.json").get("cases");
        assertThat(cases.size()).isGreaterThanOrEqualTo(30);
        for (JsonNode c : cases) {
            String os = c.get("browser").get(0).asString();
            String name = c.get("browser").get(1).asString();
            String ref = c.get("ref").asString();
            byte[] noise = B64.decode(c.get("noiseKeyB64").asString());
            byte[] identity = B64.decode(c.get("identityKeyB64").asString());
            byte[] adv = B64.decode(c.get("advB64").asString());
            String expected = c.get("qr").asString();

            assertThat(PairingQr.companionPlatformId(os, name)).as("%s", c.get("browser"))
                    .isEqualTo(c.get("platformId").asString());
            assertThat(CompanionWebClientType.of(os, name).id()).isEqualTo(c.get("webClientType").asInt());
            assertThat(PairingQr.of(ref, noise, identity, adv, os, name).text()).isEqualTo(expected);

            PairingQr parsed = PairingQr.parse(expected);
            assertThat(parsed.ref()).isEqualTo(ref);
            assertThat(parsed.noiseKey()).isEqualTo(noise);
            assertThat(parsed.identityKey()).isEqualTo(identity);
            assertThat(parsed.advSecret()).isEqualTo(adv);
            assertThat(parsed.platformId()).isEqualTo(c.get("platformId").asString());
            assertThat(parsed.webClientType()).isEqualTo(CompanionWebClientType.of(os, name));
            assertThat(parsed.text()).isEqualTo(expected);
        }
    }

    @Test
    void readsThe6xFormWithoutPrefixAndPlatformId() throws Exception {
        JsonNode c = VectorFile.read("pairing-qr.json").get("cases").get(0);
        String old = String.join(",", c.get("ref").asString(), c.get("noiseKeyB64").asString(),
                c.get("identityKeyB64").asString(), c.get("advB64").asString());
        PairingQr parsed = PairingQr.parse(old);
        assertThat(parsed.platformId()).isNull();
        assertThat(parsed.webClientType()).isNull();
        assertThat(parsed.text()).isEqualTo(old);
    }

    @Test
    void rejectsMalformedTextWithATypedError() throws Exception {
        String good = VectorFile.read("pairing-qr.json").get("cases").get(0).get("qr").asString();
        String body = good.substring(PairingQr.PREFIX.length());
        String[] f = body.split(",");
        String[] bad = {
                "",
                PairingQr.PREFIX,
                good + ",extra",
                PairingQr.PREFIX + String.join(",", f[0], f[1], f[2], f[3]),   // 7.x prefix, platform id missing
                body,                                                        // 5 fields but no prefix
                PairingQr.PREFIX + String.join(",", "", f[1], f[2], f[3], f[4]),
                PairingQr.PREFIX + String.join(",", f[0], f[1].substring(4), f[2], f[3], f[4]),  // 29 bytes
                PairingQr.PREFIX + String.join(",", f[0], f[1].replace("=", ""), f[2], f[3], f[4]), // unpadded
                PairingQr.PREFIX + String.join(",", f[0], "!!!!" + f[1].substring(4), f[2], f[3], f[4]),
                PairingQr.PREFIX + String.join(",", f[0], f[1], f[2], f[3], "x"),
                PairingQr.PREFIX + String.join(",", f[0], f[1], f[2], f[3], "1234"),
                PairingQr.PREFIX + String.join(",", f[0] + " x", f[1], f[2], f[3], f[4]),
                "https://wa.me/x#" + body,
                "a".repeat(PairingQr.MAX_LENGTH + 1),
        };
        for (String text : bad) {
            assertThatThrownBy(() -> PairingQr.parse(text)).as(text).isInstanceOf(PairingQrException.class);
        }
        assertThatThrownBy(() -> PairingQr.parse(null)).isInstanceOf(PairingQrException.class);
    }

    @Test
    void copiesKeysInAndOut() throws Exception {
        PairingQr qr = PairingQr.parse(VectorFile.read("pairing-qr.json").get("cases").get(0).get("qr").asString());
        byte[] adv = qr.advSecret();
        adv[0] ^= 1;
        assertThat(qr.advSecret()).isNotEqualTo(adv);
        byte[] key = new byte[32];
        PairingQr built = new PairingQr("r", key, key, key, "1");
        key[0] = 9;
        assertThat(built.noiseKey()[0]).isZero();
        assertThat(built.toString()).doesNotContain(Base64.getEncoder().encodeToString(key));
    }
}
