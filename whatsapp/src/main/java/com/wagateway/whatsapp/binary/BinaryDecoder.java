package com.wagateway.whatsapp.binary;

/**
 * Reads v3 binary nodes as Baileys 7.0.0-rc14 {@code decodeBinaryNode} does (fact sheet §5.2,
 * §5.6), hardened for hostile input: every failure is a {@link BinaryDecodeException}; a
 * length is checked against the remaining bytes before anything is allocated; nesting and
 * inflated size are bounded by {@link CodecLimits}. Thread-safe.
 *
 * <p>Stricter than Baileys in one way, like whatsmeow: bytes left over after the node are an
 * error (Baileys ignores them).
 */
public final class BinaryDecoder {
    private final TokenDictionary tokens;
    private final CodecLimits limits;

    public BinaryDecoder() {
        this(TokenDictionary.v3(), CodecLimits.DEFAULT);
    }

    public BinaryDecoder(CodecLimits limits) {
        this(TokenDictionary.v3(), limits);
    }

    public BinaryDecoder(TokenDictionary tokens, CodecLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
    }

    /** Decodes frame plaintext: the flag byte (bit 1 = zlib, §5.2), then the node. */
    public Node decodeFrame(byte[] frame) throws BinaryDecodeException {
        return decodeFrame(frame, 0, frame.length);
    }

    public Node decodeFrame(byte[] frame, int offset, int length) throws BinaryDecodeException {
        checkRange(frame, offset, length);
        if (length < 1) {
            throw new BinaryDecodeException("empty frame: no flag byte", 0, BinaryDecodeException.NO_TAG);
        }
        int flags = frame[offset] & 0xFF;
        if ((flags & WireTags.FLAG_COMPRESSED) != 0) {
            byte[] inflated = FrameInflater.inflate(frame, offset + 1, length - 1, limits.maxDecompressedBytes());
            return decodeNode(inflated, 0, inflated.length);
        }
        // Other flag bits carry no meaning for the codec; Baileys ignores them too.
        return decodeNode(frame, offset + 1, length - 1);
    }

    /** Decodes node bytes with no flag byte. */
    public Node decodeNode(byte[] data) throws BinaryDecodeException {
        return decodeNode(data, 0, data.length);
    }

    public Node decodeNode(byte[] data, int offset, int length) throws BinaryDecodeException {
        checkRange(data, offset, length);
        NodeReader reader = new NodeReader(data, offset, offset + length, tokens, limits);
        Node node = reader.readNode(1);
        if (reader.remaining() != 0) {
            throw new BinaryDecodeException(reader.remaining() + " bytes left over after the node",
                    reader.offset(), BinaryDecodeException.NO_TAG);
        }
        return node;
    }

    private static void checkRange(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + data.length);
        }
    }
}
