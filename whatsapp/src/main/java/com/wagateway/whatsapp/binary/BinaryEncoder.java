package com.wagateway.whatsapp.binary;

import java.util.Arrays;
import java.util.List;

/**
 * Writes nodes in the v3 binary format exactly as Baileys 7.0.0-rc14 {@code encodeBinaryNode}
 * does (fact sheet §5.5, §5.7). Stateless and thread-safe; each call writes into a fresh buffer.
 *
 * <p>Deliberate differences from Baileys, each where Baileys would write bytes nobody can read
 * back: a list longer than 65535 items is refused (Baileys truncates the length), and the
 * names of {@code Object.prototype} members ({@code constructor}, {@code toString}, …), which
 * Baileys' token map lookup turns into a stray 0x00 byte, are written as ordinary strings.
 */
public final class BinaryEncoder {
    private static final int MAX_LIST = 0xFFFF;

    private final TokenDictionary tokens;
    private final int maxDepth;

    public BinaryEncoder() {
        this(TokenDictionary.v3(), CodecLimits.DEFAULT);
    }

    public BinaryEncoder(TokenDictionary tokens, CodecLimits limits) {
        this.tokens = tokens;
        this.maxDepth = limits.maxDepth();
    }

    /** The frame plaintext: flag byte 0x00 (never compressed, §5.2) then the node. */
    public byte[] encodeFrame(Node node) {
        Writer w = new Writer(sizeHint(node, 0) + 1);
        w.put(0);
        writeNode(w, node, 1);
        return w.toArray();
    }

    /** The node bytes without the flag byte. */
    public byte[] encodeNode(Node node) {
        Writer w = new Writer(sizeHint(node, 0));
        writeNode(w, node, 1);
        return w.toArray();
    }

    /**
     * A close upper guess of the encoded size (strings by char count, packing ignored), so the
     * buffer rarely grows: growing by doubling allocated 5 times the output for a 1 KiB message.
     */
    private int sizeHint(Node node, int depth) {
        long size = 4 + node.tag().length();
        Attributes attrs = node.attrs();
        for (int i = 0; i < attrs.size(); i++) {
            size += 8 + attrs.key(i).length() + attrs.value(i).length();
        }
        if (node.content() instanceof NodeContent.Bytes bytes) {
            size += 5 + bytes.length();
        } else if (node.content() instanceof NodeContent.Text text) {
            size += 5 + text.text().length();
        } else if (node.content() instanceof NodeContent.Children children && depth < maxDepth) {
            size += 3;
            for (Node child : children.nodes()) {
                size += sizeHint(child, depth + 1);
            }
        }
        return (int) Math.min(size, 1 << 24);
    }

    private void writeNode(Writer w, Node node, int depth) {
        if (depth > maxDepth) {
            throw new BinaryEncodeException("nesting deeper than " + maxDepth, node.tag());
        }
        Attributes attrs = node.attrs();
        NodeContent content = node.content();
        int listSize = 2 * attrs.size() + 1 + (content instanceof NodeContent.None ? 0 : 1);
        writeListStart(w, listSize, node.tag());
        writeString(w, node.tag(), node.tag());
        for (int i = 0; i < attrs.size(); i++) {
            writeString(w, attrs.key(i), node.tag());
            writeString(w, attrs.value(i), node.tag());
        }
        if (content instanceof NodeContent.Bytes bytes) {
            byte[] data = bytes.unsafeArray();
            writeByteLength(w, data.length);
            w.put(data, 0, data.length);
        } else if (content instanceof NodeContent.Children children) {
            List<Node> nodes = children.nodes();
            writeListStart(w, nodes.size(), node.tag());
            for (int i = 0; i < nodes.size(); i++) {
                writeNode(w, nodes.get(i), depth + 1);
            }
        } else if (content instanceof NodeContent.Text text) {
            writeString(w, text.text(), node.tag());
        }
    }

    private static void writeListStart(Writer w, int size, String tag) {
        if (size == 0) {
            w.put(WireTags.LIST_EMPTY);
        } else if (size < 256) {
            w.put(WireTags.LIST_8);
            w.put(size);
        } else if (size <= MAX_LIST) {
            w.put(WireTags.LIST_16);
            w.put(size >> 8);
            w.put(size);
        } else {
            throw new BinaryEncodeException("list of " + size + " items exceeds LIST_16", tag);
        }
    }

    private static void writeByteLength(Writer w, int length) {
        if (length >= 1 << 20) {
            w.put(WireTags.BINARY_32);
            w.put(length >>> 24);
            w.put(length >> 16);
            w.put(length >> 8);
            w.put(length);
        } else if (length >= 256) {
            w.put(WireTags.BINARY_20);
            w.put(length >> 16 & 0x0F);
            w.put(length >> 8);
            w.put(length);
        } else {
            w.put(WireTags.BINARY_8);
            w.put(length);
        }
    }

    /**
     * Baileys {@code writeString}: token, nibble, hex, JID, else raw UTF-8 (§5.5).
     *
     * <p>A JID's server part may itself be a JID ({@code "a@b@c"}), so this loops over the string by
     * position, never copying the rest: linear in the string length however many '@' it holds. Each
     * level is one JID whose parts the decoder reads one level deeper, so more levels than
     * {@code maxDepth} — which our decoder would refuse — fail here with {@link BinaryEncodeException}.
     */
    private void writeString(Writer w, String s, String nodeTag) {
        int start = 0;
        int levels = 0;
        int n = s.length();
        while (true) {
            if (start == n) {
                writeRaw(w, start == 0 ? s : "");
                return;
            }
            if (writePlain(w, s, start)) {
                return;
            }
            int at = s.indexOf('@', start);
            if (at < 0) {
                writeRaw(w, start == 0 ? s : s.substring(start));
                return;
            }
            if (++levels > maxDepth) {
                throw new BinaryEncodeException("JIDs nested deeper than " + maxDepth
                        + " (a string with more than " + maxDepth + " '@')", nodeTag);
            }
            BaileysJid jid = BaileysJid.split(s, start, at);
            if (jid.hasDevice()) {
                w.put(WireTags.AD_JID);
                w.put(jid.domainByte());
                w.put(jid.deviceByte());
                writeUser(w, jid.user());
                return;
            }
            w.put(WireTags.JID_PAIR);
            if (jid.user().isEmpty()) {
                w.put(WireTags.LIST_EMPTY);
            } else {
                writeUser(w, jid.user());
            }
            start = jid.serverStart();
        }
    }

    /** {@link #writePlain(Writer, String)} for {@code s.substring(start)}, copying only short tails. */
    private boolean writePlain(Writer w, String s, int start) {
        int length = s.length() - start;
        if (length > tokens.maxTokenLength() && length > WireTags.PACKED_MAX) {
            return false; // neither a token nor packable
        }
        return writePlain(w, start == 0 ? s : s.substring(start));
    }

    /** A JID's user part: it holds no '@', so it is never a JID itself. */
    private void writeUser(Writer w, String user) {
        if (user.isEmpty() || !writePlain(w, user)) {
            writeRaw(w, user);
        }
    }

    /** Token or packed form; false when {@code s} is neither. */
    private boolean writePlain(Writer w, String s) {
        int code = tokens.code(s);
        if (code >= 0) {
            if (code >= TokenDictionary.DOUBLE_FLAG) {
                w.put(WireTags.DICTIONARY_0 + (code >> 8 & 0xFF));
            }
            w.put(code & 0xFF);
            return true;
        }
        if (PackedString.isNibble(s)) {
            writePacked(w, s, WireTags.NIBBLE_8);
            return true;
        }
        if (PackedString.isHex(s)) {
            writePacked(w, s, WireTags.HEX_8);
            return true;
        }
        return false;
    }

    private static void writePacked(Writer w, String s, int type) {
        int n = s.length();
        boolean nibble = type == WireTags.NIBBLE_8;
        w.put(type);
        w.put((n + 1) / 2 | (n % 2 == 0 ? 0 : 0x80));
        w.ensure(n / 2 + 1);
        for (int i = 0; i + 1 < n; i += 2) {
            int hi = nibble ? PackedString.nibbleCode(s.charAt(i)) : PackedString.hexCode(s.charAt(i));
            int lo = nibble ? PackedString.nibbleCode(s.charAt(i + 1)) : PackedString.hexCode(s.charAt(i + 1));
            w.put(hi << 4 | lo);
        }
        if (n % 2 != 0) {
            int hi = nibble ? PackedString.nibbleCode(s.charAt(n - 1)) : PackedString.hexCode(s.charAt(n - 1));
            w.put(hi << 4 | 0x0F);
        }
    }

    private static void writeRaw(Writer w, String s) {
        int length = Utf8.length(s);
        writeByteLength(w, length);
        w.ensure(length);
        w.pos = Utf8.write(s, w.buf, w.pos);
    }

    /** A growable byte buffer; small and local so the JIT keeps it in registers. */
    private static final class Writer {
        byte[] buf;
        int pos;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int extra) {
            if (buf.length - pos < extra) {
                long wanted = Math.max((long) buf.length * 2, (long) pos + extra);
                if (wanted > Integer.MAX_VALUE - 16) {
                    throw new BinaryEncodeException("encoded node exceeds 2 GiB", "?");
                }
                buf = Arrays.copyOf(buf, (int) wanted);
            }
        }

        void put(int b) {
            if (pos == buf.length) {
                ensure(1);
            }
            buf[pos++] = (byte) b;
        }

        void put(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, buf, pos, len);
            pos += len;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, pos);
        }
    }
}
