package com.wagateway.whatsapp.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One pass over node bytes (fact sheet §5.6); {@link BinaryDecoder} makes one per call. */
final class NodeReader {
    private static final int NO_TAG = BinaryDecodeException.NO_TAG;

    private final byte[] buf;
    private final int start;
    private final int end;
    private final TokenDictionary tokens;
    private final int maxDepth;
    /** Nodes plus attributes this frame may still create ({@link CodecLimits#maxElements()}). */
    private int elementBudget;
    private final int maxElements;
    private int pos;
    /** How many JIDs enclose the string being read (a JID's parts may be JIDs, §5.6). */
    private int jidDepth;

    NodeReader(byte[] buf, int start, int end, TokenDictionary tokens, CodecLimits limits) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.pos = start;
        this.tokens = tokens;
        this.maxDepth = limits.maxDepth();
        this.maxElements = limits.maxElements();
        this.elementBudget = limits.maxElements();
    }

    /** Takes {@code n} elements from the budget, before the objects for them are allocated. */
    private void spend(int n) throws BinaryDecodeException {
        if (n > elementBudget) {
            throw new BinaryDecodeException(BinaryDecodeException.Kind.ELEMENT_LIMIT,
                    "frame holds more than " + maxElements + " nodes and attributes", pos - start, NO_TAG);
        }
        elementBudget -= n;
    }

    int remaining() {
        return end - pos;
    }

    int offset() {
        return pos - start;
    }

    Node readNode(int depth) throws BinaryDecodeException {
        if (depth > maxDepth) {
            throw new BinaryDecodeException(BinaryDecodeException.Kind.DEPTH_LIMIT,
                    "nodes nested deeper than " + maxDepth, pos - start, NO_TAG);
        }
        int sizeTag = readByte();
        int size = readListSize(sizeTag);
        spend(1 + Math.max(0, (size - 1) >> 1));
        String tag = readString(readByte());
        if (size == 0 || tag.isEmpty()) {
            String shown = tag.length() > 40 ? tag.substring(0, 40) + "…" : tag;
            throw error("invalid node: list size " + size + ", tag \"" + shown + "\"", sizeTag);
        }
        int attrCount = (size - 1) >> 1;
        Attributes attrs = Attributes.empty();
        if (attrCount > 0) {
            // Capacity bounded by what the input can hold: each attribute takes at least 2 bytes.
            Attributes.Builder b = new Attributes.Builder(Math.min(attrCount, remaining() / 2));
            for (int i = 0; i < attrCount; i++) {
                String key = readString(readByte());
                String value = readString(readByte());
                b.put(key, value);
            }
            attrs = b.build();
        }
        NodeContent content = NodeContent.NONE;
        if (size % 2 == 0) {
            content = readContent(depth);
        }
        return new Node(tag, attrs, content);
    }

    private NodeContent readContent(int depth) throws BinaryDecodeException {
        int t = readByte();
        return switch (t) {
            case WireTags.LIST_EMPTY, WireTags.LIST_8, WireTags.LIST_16 -> readChildren(t, depth);
            case WireTags.BINARY_8 -> NodeContent.Bytes.adopt(readBytes(readByte(), t));
            case WireTags.BINARY_20 -> NodeContent.Bytes.adopt(readBytes(readInt20(), t));
            case WireTags.BINARY_32 -> NodeContent.Bytes.adopt(readBytes(readInt32(t), t));
            default -> NodeContent.text(readString(t));
        };
    }

    private NodeContent readChildren(int listTag, int depth) throws BinaryDecodeException {
        int count = readListSize(listTag);
        // The smallest node is 3 bytes (LIST_8, size, tag): a count the input cannot hold fails
        // here, before the array it would size is allocated.
        if (count > remaining() / 3) {
            throw error(count + " children cannot fit in the " + remaining() + " bytes left", listTag);
        }
        if (count > elementBudget) {
            spend(count); // fails before the array is allocated
        }
        Node[] children = new Node[count];
        for (int i = 0; i < count; i++) {
            children[i] = readNode(depth + 1);
        }
        return NodeContent.children(List.of(children));
    }

    private int readListSize(int tag) throws BinaryDecodeException {
        return switch (tag) {
            case WireTags.LIST_EMPTY -> 0;
            case WireTags.LIST_8 -> readByte();
            case WireTags.LIST_16 -> readInt16();
            default -> throw errorBefore("invalid tag for list size", tag, 1);
        };
    }

    String readString(int tag) throws BinaryDecodeException {
        if (tag >= 1 && tag < tokens.singleByteCount()) {
            return tokens.single(tag);
        }
        return switch (tag) {
            case WireTags.LIST_EMPTY -> "";
            case 236, 237, 238, WireTags.DICTIONARY_3 -> {
                int index = readByte();
                String token = tokens.doubleByte(tag - WireTags.DICTIONARY_0, index);
                if (token == null) {
                    throw errorBefore("no double-byte token " + index, tag, 2);
                }
                yield token;
            }
            case WireTags.BINARY_8 -> readUtf8(readByte(), tag);
            case WireTags.BINARY_20 -> readUtf8(readInt20(), tag);
            case WireTags.BINARY_32 -> readUtf8(readInt32(tag), tag);
            case WireTags.JID_PAIR -> readJidPair();
            case WireTags.AD_JID -> readAdJid();
            case WireTags.FB_JID -> readFbJid();
            case WireTags.INTEROP_JID -> readInteropJid();
            case WireTags.HEX_8, WireTags.NIBBLE_8 -> readPacked(tag);
            default -> throw errorBefore("invalid string tag", tag, 1);
        };
    }

    /** A part of a JID, which may itself be a JID: depth-bounded like node nesting. */
    private String readJidPart() throws BinaryDecodeException {
        if (++jidDepth > maxDepth) {
            throw new BinaryDecodeException(BinaryDecodeException.Kind.DEPTH_LIMIT,
                    "JIDs nested deeper than " + maxDepth, pos - start, NO_TAG);
        }
        try {
            return readString(readByte());
        } finally {
            jidDepth--;
        }
    }

    private String readJidPair() throws BinaryDecodeException {
        String user = readJidPart();
        String server = readJidPart();
        if (server.isEmpty()) {
            throw error("JID pair without server", WireTags.JID_PAIR);
        }
        return user + '@' + server;
    }

    /** AD_JID: domain byte, device byte, user (§5.7); formatted like Baileys' jidEncode. */
    private String readAdJid() throws BinaryDecodeException {
        int domain = readByte();
        int device = readByte();
        String user = readJidPart();
        String server = switch (domain) {
            case 1 -> "lid";
            case 128 -> "hosted";
            case 129 -> "hosted.lid";
            default -> "s.whatsapp.net";
        };
        return device == 0 ? user + '@' + server : user + ':' + device + '@' + server;
    }

    /** FB_JID: user, uint16 device, server (§5.3); Baileys always prints the device. */
    private String readFbJid() throws BinaryDecodeException {
        String user = readJidPart();
        int device = readInt16();
        String server = readJidPart();
        return user + ':' + device + '@' + server;
    }

    /**
     * INTEROP_JID: user, uint16 device, uint16 integrator, server (§5.3). Baileys falls back to
     * "interop" when the server cannot be read, rewinding to where it started; so do we.
     */
    private String readInteropJid() throws BinaryDecodeException {
        String user = readJidPart();
        int device = readInt16();
        int integrator = readInt16();
        int before = pos;
        String server;
        try {
            server = readJidPart();
        } catch (BinaryDecodeException e) {
            pos = before;
            server = "interop";
        }
        return integrator + "-" + user + ':' + device + '@' + server;
    }

    private String readPacked(int tag) throws BinaryDecodeException {
        int lengthByte = readByte();
        int count = lengthByte & 0x7F;
        require(count, tag);
        // Every unpacked char is ASCII (or NUL), so build Latin-1 bytes: String's compact form.
        byte[] chars = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            int b = buf[pos++] & 0xFF;
            chars[2 * i] = (byte) unpack(tag, b >> 4);
            chars[2 * i + 1] = (byte) unpack(tag, b & 0x0F);
        }
        int length = (lengthByte & 0x80) != 0 && count > 0 ? 2 * count - 1 : 2 * count;
        return new String(chars, 0, length, StandardCharsets.ISO_8859_1);
    }

    private char unpack(int tag, int code) throws BinaryDecodeException {
        if (tag == WireTags.HEX_8) {
            return PackedString.hexChar(code);
        }
        int c = PackedString.nibbleChar(code);
        if (c < 0) {
            throw errorBefore("invalid nibble " + code, tag, 1);
        }
        return (char) c;
    }

    private String readUtf8(int length, int tag) throws BinaryDecodeException {
        require(length, tag);
        String s = Utf8.decode(buf, pos, length);
        pos += length;
        return s;
    }

    private byte[] readBytes(int length, int tag) throws BinaryDecodeException {
        require(length, tag);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return out;
    }

    private int readByte() throws BinaryDecodeException {
        if (pos >= end) {
            throw error("unexpected end of input", NO_TAG);
        }
        return buf[pos++] & 0xFF;
    }

    private int readInt16() throws BinaryDecodeException {
        require(2, NO_TAG);
        int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    private int readInt20() throws BinaryDecodeException {
        require(3, WireTags.BINARY_20);
        int v = (buf[pos] & 0x0F) << 16 | (buf[pos + 1] & 0xFF) << 8 | buf[pos + 2] & 0xFF;
        pos += 3;
        return v;
    }

    /** A 32-bit length; over 2^31−1 can never fit in the remaining input. */
    private int readInt32(int tag) throws BinaryDecodeException {
        require(4, tag);
        long v = (buf[pos] & 0xFFL) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
        pos += 4;
        if (v > remaining()) {
            throw error("length " + v + " exceeds the " + remaining() + " bytes left", tag);
        }
        return (int) v;
    }

    /** Fails before any allocation when fewer than {@code n} bytes are left. */
    private void require(int n, int tag) throws BinaryDecodeException {
        if (n > end - pos) {
            throw error("length " + n + " exceeds the " + (end - pos) + " bytes left", tag);
        }
    }

    private BinaryDecodeException error(String reason, int tag) {
        return new BinaryDecodeException(reason, pos - start, tag);
    }

    /** An error about the type byte {@code back} bytes behind the current position. */
    private BinaryDecodeException errorBefore(String reason, int tag, int back) {
        return new BinaryDecodeException(reason, Math.max(0, pos - start - back), tag);
    }
}
