package com.wagateway.whatsapp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of sign/verify with random keys and messages, including rejection of any single-bit
 * change (QuickTheories, fixed seeds).
 */
class XEdDsaTest {
    private static final long SEED = 0xed25519L;

    @Test
    void signedMessagesVerifyAndAnyFlippedBitIsRejected() {
        qt().withExamples(40).withFixedSeed(SEED)
                .forAll(bytes(integers().between(32, 32)), bytes(integers().between(0, 300)), integers().between(0, 511))
                .checkAssert((privateKey, message, bit) -> {
                    Curve25519KeyPair pair = Curve25519.fromPrivateKey(privateKey);
                    byte[] signature = XEdDsa.sign(privateKey, message);
                    assertThat(XEdDsa.verify(pair.publicKey(), message, signature)).isTrue();
                    assertThat(XEdDsa.verify(pair.typedPublicKey(), message, signature)).isTrue();

                    byte[] tampered = signature.clone();
                    tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                    assertThat(XEdDsa.verify(pair.publicKey(), message, tampered)).isFalse();
                    if (message.length > 0) {
                        byte[] otherMessage = message.clone();
                        otherMessage[0] ^= 1;
                        assertThat(XEdDsa.verify(pair.publicKey(), otherMessage, signature)).isFalse();
                    }
                });
    }

    @Test
    void arbitraryBytesNeverThrow() {
        // any length up to the bound, and the well-formed lengths (32/33-byte key, 64-byte signature)
        // often, so that random bytes also reach the point decoding and the scalar checks
        Gen<byte[]> key = bytes(Generate.oneOf(integers().between(0, 40), integers().between(32, 33)));
        Gen<byte[]> signature = bytes(Generate.oneOf(integers().between(0, 70), integers().between(64, 64)));
        qt().withExamples(200).withFixedSeed(SEED + 1)
                .forAll(key, signature, bytes(integers().between(0, 10)))
                .checkAssert((k, s, message) -> XEdDsa.verify(k, message, s)); // a boolean, never an exception
    }

    /** Random byte arrays with lengths drawn from {@code lengths}, printed as their contents. */
    private static Gen<byte[]> bytes(Gen<Integer> lengths) {
        return Generate.byteArrays(lengths, Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(Arrays::toString);
    }
}
