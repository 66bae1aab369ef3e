package com.wagateway.whatsapp.binary;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a compressed frame body (zlib, RFC 1950, fact sheet §5.2) with a hard cap on the
 * output, so a zlib bomb fails after at most {@code max} bytes instead of filling the heap.
 * Like Node's {@code inflate}, bytes after the end of the zlib stream are ignored.
 */
final class FrameInflater {
    private FrameInflater() {
    }

    static byte[] inflate(byte[] in, int offset, int length, int max) throws BinaryDecodeException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in, offset, length);
            // One byte of room past the limit tells "exactly max" from "more than max".
            int cap = (int) Math.min(Integer.MAX_VALUE - 16L, max + 1L);
            byte[] out = new byte[(int) Math.min(cap, Math.max(256L, 4L * length))];
            int size = 0;
            while (!inflater.finished()) {
                if (size == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(cap, 2L * size));
                }
                int n = inflater.inflate(out, size, out.length - size);
                size += n;
                if (size > max) {
                    throw new BinaryDecodeException(BinaryDecodeException.Kind.INFLATE_LIMIT,
                            "inflated frame exceeds limit of " + max + " bytes",
                            max, BinaryDecodeException.NO_TAG);
                }
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        throw new BinaryDecodeException("zlib stream needs a preset dictionary", size,
                                BinaryDecodeException.NO_TAG);
                    }
                    if (inflater.needsInput()) {
                        throw new BinaryDecodeException("zlib stream truncated", size, BinaryDecodeException.NO_TAG);
                    }
                    if (size < out.length) {
                        // Neither input nor output is the bottleneck: never loop on it.
                        throw new BinaryDecodeException("zlib stream made no progress", size,
                                BinaryDecodeException.NO_TAG);
                    }
                }
            }
            return size == out.length ? out : Arrays.copyOf(out, size);
        } catch (DataFormatException e) {
            throw new BinaryDecodeException("bad zlib data: " + e.getMessage(), 0, BinaryDecodeException.NO_TAG, e);
        } finally {
            inflater.end();
        }
    }
}
