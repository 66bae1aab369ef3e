package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.RandomSource;

/** Hands out exactly the given bytes, in order, and fails when asked for more: proves what a call draws. */
final class ByteSequenceRandom implements RandomSource {

    private final byte[] bytes;
    private int position;

    ByteSequenceRandom(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
        if (position + out.length > bytes.length) {
            throw new IllegalStateException("asked for more random bytes than given");
        }
        System.arraycopy(bytes, position, out, 0, out.length);
        position += out.length;
    }

    boolean exhausted() {
        return position == bytes.length;
    }
}
