package com.wagateway.whatsapp.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JSON vector file written by tools/interop (classpath {@code /vectors/<name>}). */
public final class VectorFile {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private VectorFile() {
    }

    public static JsonNode read(String name) {
        try (InputStream in = VectorFile.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing vector file " + name + " (run: cd tools/interop && npm run vectors)");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asString());
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
