package com.wagateway.whatsapp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link MediaKeys} hands out copies: wiping what a caller got leaves the keys intact. */
class MediaKeysTest {

    @Test
    void accessorsReturnCopiesAndTheConstructorCopiesItsInput() {
        MediaKeys keys = MediaKeys.expand(new byte[32], MediaType.IMAGE);
        MediaKeys same = MediaKeys.expand(new byte[32], MediaType.IMAGE);
        keys.iv()[0] ^= 1;
        keys.cipherKey()[0] ^= 1;
        keys.macKey()[0] ^= 1;
        keys.refKey()[0] ^= 1;
        assertThat(keys).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(keys.cipherKey()).isEqualTo(same.cipherKey()).isNotSameAs(keys.cipherKey());

        byte[] iv = new byte[16];
        byte[] key = new byte[32];
        MediaKeys built = new MediaKeys(iv, key, key, key);
        iv[0] = 1;
        key[0] = 1;
        assertThat(built.iv()[0]).isZero();
        assertThat(built.cipherKey()[0]).isZero();
        assertThat(built.toString()).isEqualTo("MediaKeys[redacted]");
    }
}
