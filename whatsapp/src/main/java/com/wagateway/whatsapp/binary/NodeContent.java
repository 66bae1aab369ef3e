package com.wagateway.whatsapp.binary;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a node holds after its attributes (fact sheet §5.1): nothing, child nodes, raw bytes or
 * a string. On the wire a string that is not a token, packed or a JID is written as raw bytes,
 * so it decodes as {@link Bytes} (§5.6); the decoder never guesses.
 */
public sealed interface NodeContent permits NodeContent.None, NodeContent.Children, NodeContent.Bytes,
        NodeContent.Text {

    None NONE = new None();

    static Children children(List<Node> nodes) {
        return new Children(nodes);
    }

    /** Bytes content holding a copy of {@code data}. */
    static Bytes bytes(byte[] data) {
        return Bytes.adopt(data.clone());
    }

    static Text text(String text) {
        return new Text(text);
    }

    /** No content: the list size of the node is odd. */
    record None() implements NodeContent {
    }

    /** A list of child nodes, possibly empty (an empty list is written as LIST_EMPTY, §5.5). */
    record Children(List<Node> nodes) implements NodeContent {
        public Children {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * Raw bytes. A final class rather than a record so the decoder can hand over the array it
     * just copied out of the frame without copying it twice; callers only ever see copies or a
     * read-only view.
     */
    final class Bytes implements NodeContent {
        private final byte[] data;

        private Bytes(byte[] data) {
            this.data = data;
        }

        /** A copy of the content. */
        public byte[] data() {
            return data.clone();
        }

        /** The content without copying, read-only. */
        public ByteBuffer view() {
            return ByteBuffer.wrap(data).asReadOnlyBuffer();
        }

        public int length() {
            return data.length;
        }

        /** The backing array, for the encoder only (it never writes to it). */
        byte[] unsafeArray() {
            return data;
        }

        /** Wraps an array the caller gives up (the decoder's fresh copies). */
        static Bytes adopt(byte[] data) {
            return new Bytes(data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return data.length <= 64 ? "Bytes[" + HexFormat.of().formatHex(data) + "]"
                    : "Bytes[" + data.length + " bytes]";
        }
    }

    /** A string: a token, packed digits/hex, a JID, or (when encoding) any other text. */
    record Text(String text) implements NodeContent {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }
}
