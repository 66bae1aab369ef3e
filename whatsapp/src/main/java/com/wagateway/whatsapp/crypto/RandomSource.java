package com.wagateway.whatsapp.crypto;

import java.security.SecureRandom;

/**
 * Where every random byte of the protocol stack comes from. Production uses {@link #secure()};
 * tests inject a fixed source so handshakes, key pairs and vectors are reproducible.
 */
@FunctionalInterface
public interface RandomSource {

    /** Fills {@code out} completely with random bytes. */
    void nextBytes(byte[] out);

    default byte[] bytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }

    /** A source backed by a new {@link SecureRandom} (the platform's default strong generator). */
    static RandomSource secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
