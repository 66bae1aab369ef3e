package com.wagateway.whatsapp.binary;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One binary XMPP-like node (fact sheet §5.1): a tag, attributes in wire order and content.
 * Attribute values are strings exactly as Baileys keeps them; {@link com.wagateway.whatsapp.jid}
 * parses those that are JIDs.
 */
public record Node(String tag, Attributes attrs, NodeContent content) {

    public Node {
        Objects.requireNonNull(tag, "tag");
        if (tag.isEmpty()) {
            // Baileys refuses to encode a node without a tag and its decoder rejects one (§5.6).
            throw new IllegalArgumentException("node tag must not be empty");
        }
        Objects.requireNonNull(attrs, "attrs");
        Objects.requireNonNull(content, "content");
    }

    public static Node of(String tag) {
        return new Node(tag, Attributes.empty(), NodeContent.NONE);
    }

    public static Node of(String tag, Attributes attrs) {
        return new Node(tag, attrs, NodeContent.NONE);
    }

    public static Node of(String tag, Attributes attrs, List<Node> children) {
        return new Node(tag, attrs, NodeContent.children(children));
    }

    public static Node of(String tag, Attributes attrs, byte[] bytes) {
        return new Node(tag, attrs, NodeContent.bytes(bytes));
    }

    public static Node of(String tag, Attributes attrs, String text) {
        return new Node(tag, attrs, NodeContent.text(text));
    }

    /** The attribute {@code key}, or null. */
    public String attr(String key) {
        return attrs.get(key);
    }

    /**
     * The content as bytes: a copy of bytes content, or the UTF-8 of text content (the server may send either for the
     * same field, §5.6); null when the node holds children or nothing.
     */
    public byte[] contentBytes() {
        return switch (content) {
            case NodeContent.Bytes b -> b.data();
            case NodeContent.Text t -> t.text().getBytes(StandardCharsets.UTF_8);
            default -> null;
        };
    }

    /** The child nodes, or an empty list when the content is not a list. */
    public List<Node> children() {
        return content instanceof NodeContent.Children c ? c.nodes() : List.of();
    }

    /** The first child with {@code childTag}, or null. */
    public Node child(String childTag) {
        for (Node n : children()) {
            if (n.tag.equals(childTag)) {
                return n;
            }
        }
        return null;
    }
}
