package com.wagateway.whatsapp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of sign/verify with random keys and messages, including rejection of any single-bit change. */
class XEdDsaTest {

    @Property(tries = 40)
    void signedMessagesVerifyAndAnyFlippedBitIsRejected(@ForAll @Size(32) byte[] privateKey,
                                                        @ForAll @Size(max = 300) byte[] message,
                                                        @ForAll @IntRange(min = 0, max = 511) int bit) {
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
    }

    @Property(tries = 200)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 40) byte[] key, @ForAll @Size(max = 70) byte[] signature,
                                  @ForAll @Size(max = 10) byte[] message) {
        XEdDsa.verify(key, message, signature); // a boolean, never an exception
    }
}
