package com.wagateway.whatsapp.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader: one value, optional whitespace around it, no comments, no
 * trailing commas, no duplicate member names, nesting bounded so hostile input cannot blow the
 * stack.
 */
public final class JsonReader {
    static final int MAX_NESTING = 512;

    private final String text;
    private int pos;
    private int nesting;

    private JsonReader(String text) {
        this.text = text;
    }

    public static JsonValue parse(String text) throws JsonSyntaxException {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        JsonValue value = reader.readValue();
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw new JsonSyntaxException("unexpected text after the JSON value", reader.pos);
        }
        return value;
    }

    private JsonValue readValue() throws JsonSyntaxException {
        if (pos >= text.length()) {
            throw new JsonSyntaxException("unexpected end of input", pos);
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> new JsonValue.JsonString(readString());
            case 't' -> literal("true", new JsonValue.JsonBoolean(true));
            case 'f' -> literal("false", new JsonValue.JsonBoolean(false));
            case 'n' -> literal("null", new JsonValue.JsonNull());
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw new JsonSyntaxException("unexpected character '" + c + "'", pos);
            }
        };
    }

    private JsonValue readObject() throws JsonSyntaxException {
        enter();
        pos++; // {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            nesting--;
            return new JsonValue.JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonSyntaxException("expected a member name", pos);
            }
            int at = pos;
            String name = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (members.put(name, readValue()) != null) {
                throw new JsonSyntaxException("duplicate member \"" + name + "\"", at);
            }
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                nesting--;
                return new JsonValue.JsonObject(members);
            }
            if (c != ',') {
                throw new JsonSyntaxException("expected ',' or '}'", pos - 1);
            }
        }
    }

    private JsonValue readArray() throws JsonSyntaxException {
        enter();
        pos++; // [
        List<JsonValue> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            nesting--;
            return new JsonValue.JsonArray(items);
        }
        while (true) {
            skipWhitespace();
            items.add(readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                nesting--;
                return new JsonValue.JsonArray(items);
            }
            if (c != ',') {
                throw new JsonSyntaxException("expected ',' or ']'", pos - 1);
            }
        }
    }

    private void enter() throws JsonSyntaxException {
        if (++nesting > MAX_NESTING) {
            throw new JsonSyntaxException("nesting deeper than " + MAX_NESTING, pos);
        }
    }

    private String readString() throws JsonSyntaxException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new JsonSyntaxException("unterminated string", pos);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new JsonSyntaxException("control character in string", pos - 1);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new JsonSyntaxException("unterminated escape", pos);
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(readHex4());
                default -> throw new JsonSyntaxException("bad escape '\\" + e + "'", pos - 2);
            }
        }
    }

    private char readHex4() throws JsonSyntaxException {
        if (pos + 4 > text.length()) {
            throw new JsonSyntaxException("truncated \\u escape", pos);
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0 || text.charAt(pos + i) > 'f') {
                throw new JsonSyntaxException("bad \\u escape", pos);
            }
            v = v << 4 | d;
        }
        pos += 4;
        return (char) v;
    }

    private JsonValue readNumber() throws JsonSyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new JsonSyntaxException("bad number", start);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new JsonSyntaxException("bad number", start);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new JsonSyntaxException("bad number", start);
            }
            digits();
        }
        return new JsonValue.JsonNumber(text.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonValue literal(String word, JsonValue value) throws JsonSyntaxException {
        if (!text.startsWith(word, pos)) {
            throw new JsonSyntaxException("unexpected literal", pos);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws JsonSyntaxException {
        if (peek() != c) {
            throw new JsonSyntaxException("expected '" + c + "'", pos);
        }
        pos++;
    }

    /** The current char, or NUL at the end (NUL cannot appear unescaped in valid JSON). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
