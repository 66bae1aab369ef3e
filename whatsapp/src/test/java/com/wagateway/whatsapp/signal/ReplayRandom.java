package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.RandomSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Hands out exactly the random blocks a recorded step consumed; asking for more, or for another size, fails. */
final class ReplayRandom implements RandomSource {

    private final Deque<byte[]> blocks = new ArrayDeque<>();

    void expect(List<byte[]> recorded) {
        if (!blocks.isEmpty()) {
            throw new AssertionError(blocks.size() + " recorded random blocks were not consumed");
        }
        blocks.addAll(recorded);
    }

    int remaining() {
        return blocks.size();
    }

    @Override
    public void nextBytes(byte[] out) {
        byte[] next = blocks.poll();
        if (next == null) {
            throw new AssertionError("drew " + out.length + " random bytes where the reference drew none");
        }
        if (next.length != out.length) {
            throw new AssertionError("drew " + out.length + " random bytes where the reference drew " + next.length);
        }
        System.arraycopy(next, 0, out, 0, out.length);
    }
}
