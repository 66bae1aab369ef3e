package com.wagateway.whatsapp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The constant-time {@link XEdDsa#sign} against the original BigInteger implementation (kept in
 * {@link Edwards25519Reference}) on random keys and messages, on top of the Baileys vectors.
 */
class XEdDsaReferenceTest {

    @Test
    void constantTimeSignMatchesTheBigIntegerReference() throws Exception {
        Random random = new Random(0x0ed_d5a_5eedL);
        for (int i = 0; i < 60; i++) {
            byte[] privateKey = new byte[32];
            random.nextBytes(privateKey);
            if (i == 0) {
                java.util.Arrays.fill(privateKey, (byte) 0xff);
            } else if (i == 1) {
                java.util.Arrays.fill(privateKey, (byte) 0);
            }
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(message);
            byte[] keyCopy = privateKey.clone();
            byte[] signature = XEdDsa.sign(privateKey, message);
            assertThat(privateKey).as("input key untouched").isEqualTo(keyCopy);
            assertThat(HexFormat.of().formatHex(signature))
                    .isEqualTo(HexFormat.of().formatHex(Edwards25519Reference.xeddsaSign(privateKey, message)));
            byte[] publicKey = Curve25519.fromPrivateKey(privateKey).publicKey();
            assertThat(XEdDsa.verify(publicKey, message, signature)).isTrue();
        }
    }
}
