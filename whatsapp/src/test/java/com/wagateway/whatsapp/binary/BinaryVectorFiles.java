package com.wagateway.whatsapp.binary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the vector files tools/interop/gen-binary.mjs writes (format: docs/protocol.md). */
final class BinaryVectorFiles {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private BinaryVectorFiles() {
    }

    static List<JsonNode> vectors(String file) {
        try (InputStream in = BinaryVectorFiles.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing vector file " + file + ": run npm run vectors");
            }
            JsonNode root = MAPPER.readTree(in);
            return new ArrayList<>(root.get("vectors").values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON form of a node (docs/protocol.md) plus the vectors' {@code bytesFill}. */
    static Node node(JsonNode json) {
        Attributes.Builder attrs = Attributes.builder();
        for (Map.Entry<String, JsonNode> e : json.get("attrs").properties()) {
            attrs.put(e.getKey(), e.getValue().stringValue());
        }
        return new Node(json.get("tag").stringValue(), attrs.build(), content(json.get("content")));
    }

    /** Same node with the root's attributes inserted in the order the JS code assigned them. */
    static Node nodeInInsertionOrder(JsonNode json, JsonNode order) {
        Node n = node(json);
        Attributes.Builder attrs = Attributes.builder();
        for (JsonNode key : order.values()) {
            attrs.put(key.stringValue(), n.attr(key.stringValue()));
        }
        return new Node(n.tag(), attrs.build(), n.content());
    }

    private static NodeContent content(JsonNode c) {
        if (c == null) {
            return NodeContent.NONE;
        }
        if (c.isString()) {
            return NodeContent.text(c.stringValue());
        }
        if (c.isArray()) {
            List<Node> children = new ArrayList<>();
            for (JsonNode child : c.values()) {
                children.add(node(child));
            }
            return NodeContent.children(children);
        }
        if (c.has("bytes")) {
            return NodeContent.bytes(Base64.getDecoder().decode(c.get("bytes").stringValue()));
        }
        JsonNode fill = c.get("bytesFill");
        return NodeContent.bytes(fill(fill.get("seed").asLong(), fill.get("length").asInt()));
    }

    /** The generator's fillBytes: a 32-bit LCG, top byte of each state. */
    static byte[] fill(long seed, int length) {
        byte[] out = new byte[length];
        int s = (int) seed;
        for (int i = 0; i < length; i++) {
            s = s * 1664525 + 1013904223;
            out[i] = (byte) (s >>> 24);
        }
        return out;
    }
}
