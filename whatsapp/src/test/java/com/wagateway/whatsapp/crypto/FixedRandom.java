package com.wagateway.whatsapp.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A deterministic {@link RandomSource} for tests: SHA-256 in counter mode over a seed label. */
public final class FixedRandom implements RandomSource {

    private final byte[] seed;
    private long counter;

    public FixedRandom(String seed) {
        this.seed = seed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        try {
            int written = 0;
            while (written < out.length) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(seed);
                sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
                byte[] block = sha.digest();
                int n = Math.min(block.length, out.length - written);
                System.arraycopy(block, 0, out, written, n);
                written += n;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
