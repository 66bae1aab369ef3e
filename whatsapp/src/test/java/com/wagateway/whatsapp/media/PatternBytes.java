package com.wagateway.whatsapp.media;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The "sha256-counter" plaintext of tools/interop/gen-media-vectors.mjs, regenerated as a stream so large vectors
 * need neither committed bytes nor memory: {@code SHA-256(utf8(seed) || uint32be(k))} for k = 0, 1, 2, ...
 * concatenated and cut to {@code length}.
 */
final class PatternBytes extends InputStream {

    private final byte[] seed;
    private final long length;
    private final MessageDigest sha;
    private byte[] block = new byte[0];
    private int blockAt;
    private int counter;
    private long position;

    PatternBytes(String seed, long length) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
        this.length = length;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int offset, int count) {
        if (position >= length) {
            return -1;
        }
        int done = 0;
        while (done < count && position < length) {
            if (blockAt == block.length) {
                sha.update(seed);
                sha.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
                        (byte) counter});
                counter++;
                block = sha.digest();
                blockAt = 0;
            }
            int n = (int) Math.min(Math.min(count - done, block.length - blockAt), length - position);
            System.arraycopy(block, blockAt, out, offset + done, n);
            blockAt += n;
            done += n;
            position += n;
        }
        return done;
    }
}
