package com.wagateway.whatsapp.binary;

/**
 * The one exception the decoder throws for input it cannot read: truncated, malformed, over a
 * limit, or not valid zlib. Carries the offset in the node bytes (after the flag byte and after
 * decompression) and the type byte being read, when there is one.
 */
public final class BinaryDecodeException extends Exception {
    /** {@link #tag()} when no type byte applies. */
    public static final int NO_TAG = -1;

    /** Why the input was refused: malformed, or well-formed but over one of the {@link CodecLimits}. */
    public enum Kind {
        /** Truncated, bad tag, bad zlib, leftover bytes: input that is not a node. */
        MALFORMED,
        /** Nodes or JIDs nested deeper than {@link CodecLimits#maxDepth()}. */
        DEPTH_LIMIT,
        /** A compressed frame inflates past {@link CodecLimits#maxDecompressedBytes()}. */
        INFLATE_LIMIT,
        /** More nodes plus attributes than {@link CodecLimits#maxElements()}. */
        ELEMENT_LIMIT
    }

    private final int offset;
    private final int tag;
    private final Kind kind;

    public BinaryDecodeException(String reason, int offset, int tag) {
        this(Kind.MALFORMED, reason, offset, tag);
    }

    public BinaryDecodeException(Kind kind, String reason, int offset, int tag) {
        super(describe(reason, offset, tag));
        this.offset = offset;
        this.tag = tag;
        this.kind = kind;
    }

    public BinaryDecodeException(String reason, int offset, int tag, Throwable cause) {
        super(describe(reason, offset, tag), cause);
        this.offset = offset;
        this.tag = tag;
        this.kind = Kind.MALFORMED;
    }

    /** Which rule the input broke. */
    public Kind kind() {
        return kind;
    }

    private static String describe(String reason, int offset, int tag) {
        return reason + " (offset " + offset + (tag == NO_TAG ? "" : ", tag " + tag) + ")";
    }

    /** Offset in the node bytes where the problem was found. */
    public int offset() {
        return offset;
    }

    /** The type byte being decoded, or {@link #NO_TAG}. */
    public int tag() {
        return tag;
    }
}
