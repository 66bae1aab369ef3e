package com.wagateway.whatsapp.binary;

/**
 * The one exception the decoder throws for input it cannot read: truncated, malformed, over a
 * limit, or not valid zlib. Carries the offset in the node bytes (after the flag byte and after
 * decompression) and the type byte being read, when there is one.
 */
public final class BinaryDecodeException extends Exception {
    /** {@link #tag()} when no type byte applies. */
    public static final int NO_TAG = -1;

    private final int offset;
    private final int tag;

    public BinaryDecodeException(String reason, int offset, int tag) {
        super(describe(reason, offset, tag));
        this.offset = offset;
        this.tag = tag;
    }

    public BinaryDecodeException(String reason, int offset, int tag, Throwable cause) {
        super(describe(reason, offset, tag), cause);
        this.offset = offset;
        this.tag = tag;
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
