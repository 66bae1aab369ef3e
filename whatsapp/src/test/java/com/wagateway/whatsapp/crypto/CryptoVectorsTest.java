package com.wagateway.whatsapp.crypto;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** HKDF, AES-GCM, AES-CBC, HMAC, media keys and pairing-code helpers against Baileys' output. */
class CryptoVectorsTest {

    @Test
    void hkdfMatchesBaileys() {
        JsonNode cases = VectorFile.read("hkdf.json").get("cases");
        assertThat(cases.size()).isGreaterThanOrEqualTo(8);
        for (JsonNode c : cases) {
            byte[] salt = c.get("salt").isNull() ? null : hex(c.get("salt"));
            byte[] okm = Hkdf.derive(hex(c.get("ikm")), salt, c.get("info").asString(), c.get("length").asInt());
            assertThat(hex(okm)).as("info=%s length=%s", c.get("info").asString(), c.get("length").asInt())
                    .isEqualTo(c.get("okm").asString());
        }
    }

    @Test
    void aesGcmMatchesBaileysAndRoundTrips() throws CryptoException {
        for (JsonNode c : VectorFile.read("aesgcm.json").get("gcm")) {
            byte[] key = hex(c.get("key"));
            byte[] iv = hex(c.get("iv"));
            byte[] aad = hex(c.get("aad"));
            byte[] ciphertext = AesGcm.encrypt(key, iv, aad, hex(c.get("plaintext")));
            assertThat(hex(ciphertext)).isEqualTo(c.get("ciphertext").asString());
            assertThat(hex(AesGcm.decrypt(key, iv, aad, ciphertext))).isEqualTo(c.get("plaintext").asString());
            ciphertext[ciphertext.length - 1] ^= 1;
            assertThatThrownBy(() -> AesGcm.decrypt(key, iv, aad, ciphertext)).isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void aesCbcMatchesBaileys() throws CryptoException {
        for (JsonNode c : VectorFile.read("aesgcm.json").get("cbc")) {
            byte[] key = hex(c.get("key"));
            byte[] iv = hex(c.get("iv"));
            assertThat(hex(AesCbc.encrypt(key, iv, hex(c.get("plaintext"))))).isEqualTo(c.get("ciphertext").asString());
            assertThat(hex(AesCbc.decrypt(key, iv, hex(c.get("ciphertext"))))).isEqualTo(c.get("plaintext").asString());
        }
    }

    @Test
    void hmacMatchesBaileys() {
        for (JsonNode c : VectorFile.read("aesgcm.json").get("hmac")) {
            byte[] mac = HmacSha256.mac(hex(c.get("key")), hex(c.get("data")));
            assertThat(hex(mac)).isEqualTo(c.get("mac").asString());
            assertThat(HmacSha256.verify(hex(c.get("key")), mac, hex(c.get("data")))).isTrue();
        }
    }

    @Test
    void mediaKeysMatchGetMediaKeysForEveryType() {
        JsonNode media = VectorFile.read("crypto.json").get("mediaKeys");
        assertThat(media.size()).isEqualTo(MediaType.values().length);
        for (JsonNode c : media) {
            MediaKeys keys = MediaKeys.expand(hex(c.get("mediaKey")), MediaType.fromWireName(c.get("type").asString()));
            assertThat(hex(keys.iv())).as(c.get("type").asString()).isEqualTo(c.get("iv").asString());
            assertThat(hex(keys.cipherKey())).isEqualTo(c.get("cipherKey").asString());
            assertThat(hex(keys.macKey())).isEqualTo(c.get("macKey").asString());
        }
        // fact sheet §12.2 verified value: getMediaKeys(32 x 0x01, 'image')
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 1);
        MediaKeys image = MediaKeys.expand(ones, MediaType.IMAGE);
        assertThat(hex(image.iv())).isEqualTo("26cd9086031e8165f56558c2ffbf64b4");
        assertThat(hex(image.cipherKey())).isEqualTo("784afd482d9bf6f33c90f0e5000f5c7cd57c24c35feb80176a2d9132009c44f4");
    }

    @Test
    void crockfordAndPairingCodeKeyMatchBaileys() {
        JsonNode vectors = VectorFile.read("crypto.json");
        for (JsonNode c : vectors.get("crockford")) {
            assertThat(PairingCodeCrypto.toCrockford(hex(c.get("bytes")))).isEqualTo(c.get("code").asString());
        }
        assertThat(PairingCodeCrypto.toCrockford(new byte[] {0, 1, 2, 3, 4})).isEqualTo("111H51R5"); // §12.2
        for (JsonNode c : vectors.get("pairingCodeKeys")) {
            assertThat(hex(PairingCodeCrypto.deriveCodeKey(c.get("code").asString(), hex(c.get("salt")))))
                    .isEqualTo(c.get("key").asString());
        }
    }
}
