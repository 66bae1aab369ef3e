package com.wagateway.whatsapp.cli;

import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value: the CLI's own small model, because the jar's runtime dependencies are
 * protobuf-java and BouncyCastle only. Objects keep member order.
 */
public sealed interface JsonValue {
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    }

    record JsonArray(List<JsonValue> items) implements JsonValue {
    }

    record JsonString(String value) implements JsonValue {
    }

    /** A number kept as its literal text; the node form has no numbers, so nothing converts it. */
    record JsonNumber(String literal) implements JsonValue {
    }

    record JsonBoolean(boolean value) implements JsonValue {
    }

    record JsonNull() implements JsonValue {
    }
}
