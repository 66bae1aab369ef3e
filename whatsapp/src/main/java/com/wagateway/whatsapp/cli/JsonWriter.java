package com.wagateway.whatsapp.cli;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes a {@link JsonValue} as compact JSON. Strings are escaped like JavaScript's
 * {@code JSON.stringify}: quote, backslash and control characters, and lone surrogates as
 * {@code \\uXXXX}, so output for the same node matches the vector files.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    public static String write(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(JsonValue value, StringBuilder sb) {
        switch (value) {
            case JsonValue.JsonObject o -> {
                sb.append('{');
                Iterator<Map.Entry<String, JsonValue>> it = o.members().entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonValue> e = it.next();
                    string(e.getKey(), sb);
                    sb.append(':');
                    write(e.getValue(), sb);
                    if (it.hasNext()) {
                        sb.append(',');
                    }
                }
                sb.append('}');
            }
            case JsonValue.JsonArray a -> {
                sb.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(a.items().get(i), sb);
                }
                sb.append(']');
            }
            case JsonValue.JsonString s -> string(s.value(), sb);
            case JsonValue.JsonNumber n -> sb.append(n.literal());
            case JsonValue.JsonBoolean b -> sb.append(b.value());
            case JsonValue.JsonNull n -> sb.append("null");
        }
    }

    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
