package com.wagateway.whatsapp.cli;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a node (docs/protocol.md), the same the vector files use:
 * {@code {"tag": "...", "attrs": {...}, "content": "text" | {"bytes": "<base64>"} | [nodes]}},
 * content omitted when there is none. Reading is strict: unknown members, non-string attribute
 * values and bad base64 are errors naming the JSON path.
 */
public final class NodeJson {
    private NodeJson() {
    }

    public static JsonValue toJson(Node node) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("tag", new JsonValue.JsonString(node.tag()));
        Map<String, JsonValue> attrs = new LinkedHashMap<>();
        for (int i = 0; i < node.attrs().size(); i++) {
            attrs.put(node.attrs().key(i), new JsonValue.JsonString(node.attrs().value(i)));
        }
        members.put("attrs", new JsonValue.JsonObject(attrs));
        switch (node.content()) {
            case NodeContent.None none -> {
            }
            case NodeContent.Text text -> members.put("content", new JsonValue.JsonString(text.text()));
            case NodeContent.Bytes bytes -> members.put("content", new JsonValue.JsonObject(
                    Map.of("bytes", new JsonValue.JsonString(Base64.getEncoder().encodeToString(bytes.data())))));
            case NodeContent.Children children -> {
                List<JsonValue> items = new ArrayList<>();
                for (Node child : children.nodes()) {
                    items.add(toJson(child));
                }
                members.put("content", new JsonValue.JsonArray(items));
            }
        }
        return new JsonValue.JsonObject(members);
    }

    public static Node fromJson(JsonValue json) throws NodeJsonException {
        return node(json, "$", 0);
    }

    private static Node node(JsonValue json, String path, int depth) throws NodeJsonException {
        if (depth > JsonReader.MAX_NESTING) {
            throw new NodeJsonException(path, "nested too deeply");
        }
        if (!(json instanceof JsonValue.JsonObject obj)) {
            throw new NodeJsonException(path, "expected a node object");
        }
        for (String name : obj.members().keySet()) {
            if (!name.equals("tag") && !name.equals("attrs") && !name.equals("content")) {
                throw new NodeJsonException(path, "unknown member \"" + name + "\"");
            }
        }
        if (!(obj.members().get("tag") instanceof JsonValue.JsonString tag) || tag.value().isEmpty()) {
            throw new NodeJsonException(path + ".tag", "expected a non-empty string");
        }
        Attributes.Builder attrs = Attributes.builder();
        JsonValue attrsJson = obj.members().get("attrs");
        if (attrsJson != null) {
            if (!(attrsJson instanceof JsonValue.JsonObject attrsObj)) {
                throw new NodeJsonException(path + ".attrs", "expected an object");
            }
            for (Map.Entry<String, JsonValue> e : attrsObj.members().entrySet()) {
                if (!(e.getValue() instanceof JsonValue.JsonString value)) {
                    throw new NodeJsonException(path + ".attrs." + e.getKey(), "expected a string");
                }
                attrs.put(e.getKey(), value.value());
            }
        }
        return new Node(tag.value(), attrs.build(), content(obj.members().get("content"), path + ".content", depth));
    }

    private static NodeContent content(JsonValue json, String path, int depth) throws NodeJsonException {
        return switch (json) {
            case null -> NodeContent.NONE;
            case JsonValue.JsonString s -> NodeContent.text(s.value());
            case JsonValue.JsonArray a -> {
                List<Node> children = new ArrayList<>(a.items().size());
                for (int i = 0; i < a.items().size(); i++) {
                    children.add(node(a.items().get(i), path + "[" + i + "]", depth + 1));
                }
                yield NodeContent.children(children);
            }
            case JsonValue.JsonObject o when o.members().size() == 1
                    && o.members().get("bytes") instanceof JsonValue.JsonString b64 -> {
                try {
                    yield NodeContent.bytes(Base64.getDecoder().decode(b64.value()));
                } catch (IllegalArgumentException e) {
                    throw new NodeJsonException(path + ".bytes", "bad base64: " + e.getMessage());
                }
            }
            default -> throw new NodeJsonException(path,
                    "expected a string, {\"bytes\": \"<base64>\"} or an array of nodes");
        };
    }
}
