package com.wagateway.whatsapp.binary;

/**
 * Bounds that keep hostile input from exhausting the stack or the heap.
 *
 * @param maxDepth             deepest node nesting accepted (root = 1); also bounds JIDs nested
 *                             inside JIDs, which the format allows (§5.6 readJidPair)
 * @param maxDecompressedBytes largest inflated size of a compressed frame (§5.2) — a zlib bomb
 *                             fails with {@link BinaryDecodeException} once it passes this
 */
public record CodecLimits(int maxDepth, int maxDecompressedBytes) {
    public static final int DEFAULT_MAX_DEPTH = 64;
    /**
     * A frame is at most 16 MiB on the wire (3-byte length, §2.3); inflated we allow the same.
     * Decoded nodes take up to about 20 times their encoded size on the heap (a 3-byte packed
     * string becomes a String object), so this cap also bounds the heap one frame can claim.
     */
    public static final int DEFAULT_MAX_DECOMPRESSED = 16 << 20;

    public static final CodecLimits DEFAULT = new CodecLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_DECOMPRESSED);

    public CodecLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
        }
        if (maxDecompressedBytes < 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must not be negative");
        }
    }
}
