package com.wagateway.whatsapp.binary;

/**
 * Bounds that keep hostile input from exhausting the stack or the heap.
 *
 * @param maxDepth             deepest node nesting accepted (root = 1); also bounds JIDs nested
 *                             inside JIDs, which the format allows (§5.6 readJidPair), and the
 *                             encoder refuses to write deeper JIDs than the decoder reads
 * @param maxDecompressedBytes largest inflated size of a compressed frame (§5.2) — a zlib bomb
 *                             fails with {@link BinaryDecodeException.Kind#INFLATE_LIMIT} once it
 *                             passes this
 * @param maxElements          most nodes plus attributes one decoded frame may hold — more fails
 *                             with {@link BinaryDecodeException.Kind#ELEMENT_LIMIT} before they are
 *                             allocated. Bounds the object count (and so the heap) of a frame
 *                             independently of its byte size: an element costs 2–3 wire bytes but
 *                             about 100–200 heap bytes once decoded
 */
public record CodecLimits(int maxDepth, int maxDecompressedBytes, int maxElements) {
    public static final int DEFAULT_MAX_DEPTH = 64;
    /**
     * 2 MiB. A frame may be 16 MiB on the wire (3-byte length, §2.3), but what the server
     * compresses are ordinary stanzas (group metadata, usync results, app-state patches,
     * notifications) of a few to a few hundred KiB; big payloads (media, history sync blobs) travel
     * over HTTPS, not in frames. The largest node in our Baileys vectors (1 MiB + 1 byte of content)
     * still fits. Raise it per connection if a real frame ever needs more.
     */
    public static final int DEFAULT_MAX_DECOMPRESSED = 2 << 20;
    /**
     * 262,144 nodes plus attributes: a usync result for thousands of contacts or a 5,000-member
     * group's participant list is well below it, and at ~200 heap bytes per element a frame cannot
     * claim more than about 50 MiB.
     */
    public static final int DEFAULT_MAX_ELEMENTS = 1 << 18;

    public static final CodecLimits DEFAULT =
            new CodecLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_DECOMPRESSED, DEFAULT_MAX_ELEMENTS);

    public CodecLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
        }
        if (maxDecompressedBytes < 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must not be negative");
        }
        if (maxElements < 1) {
            throw new IllegalArgumentException("maxElements must be at least 1: " + maxElements);
        }
    }

    /** Depth and inflate limits with the {@linkplain #DEFAULT_MAX_ELEMENTS default element budget}. */
    public CodecLimits(int maxDepth, int maxDecompressedBytes) {
        this(maxDepth, maxDecompressedBytes, DEFAULT_MAX_ELEMENTS);
    }

    public CodecLimits withMaxDepth(int depth) {
        return new CodecLimits(depth, maxDecompressedBytes, maxElements);
    }

    public CodecLimits withMaxDecompressedBytes(int bytes) {
        return new CodecLimits(maxDepth, bytes, maxElements);
    }

    public CodecLimits withMaxElements(int elements) {
        return new CodecLimits(maxDepth, maxDecompressedBytes, elements);
    }
}
