package com.wagateway.whatsapp.binary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The v3 token dictionary (fact sheet §5.4): 236 single-byte tokens and four tables of 256
 * double-byte tokens, loaded at class init from {@code tokens-v3.txt}, which
 * {@code tools/interop/gen-tokens.mjs} writes from Baileys' {@code lib/WABinary/constants.js}.
 * The file is the only source of tokens: nothing here is typed by hand.
 */
public final class TokenDictionary {
    /** The dictionary version this table set implements (the 4th byte of the Noise header). */
    public static final int DICT_VERSION = 3;
    static final String RESOURCE = "tokens-v3.txt";
    private static final String MAGIC = "wa-tokens";

    private static final TokenDictionary V3 = load(RESOURCE);

    private final String[] single;
    private final String[][] doubles;
    private final String source;
    /** token → code: single-byte index, or {@code DOUBLE_FLAG | dict << 8 | index}. */
    private final Map<String, Integer> codes;
    /** Length of the longest token: longer strings are never looked up (keeps the encoder linear). */
    private final int maxTokenLength;

    static final int DOUBLE_FLAG = 0x10000;

    private TokenDictionary(String[] single, String[][] doubles, String source) {
        this.single = single;
        this.doubles = doubles;
        this.source = source;
        this.codes = new HashMap<>(2 * (single.length + 4 * 256));
        // Same insertion order as Baileys' TOKEN_MAP: singles, then doubles, a later entry wins.
        // Index 0 ("") is never looked up: the encoder writes "" raw before asking (§5.5).
        for (int i = 1; i < single.length; i++) {
            codes.put(single[i], i);
        }
        for (int d = 0; d < doubles.length; d++) {
            for (int i = 0; i < doubles[d].length; i++) {
                codes.put(doubles[d][i], DOUBLE_FLAG | d << 8 | i);
            }
        }
        int longest = 0;
        for (String token : codes.keySet()) {
            longest = Math.max(longest, token.length());
        }
        this.maxTokenLength = longest;
    }

    /** The v3 dictionary. */
    public static TokenDictionary v3() {
        return V3;
    }

    /** Where the tables came from, e.g. {@code @whiskeysockets/baileys@7.0.0-rc14}. */
    public String source() {
        return source;
    }

    public int singleByteCount() {
        return single.length;
    }

    public int doubleByteDictCount() {
        return doubles.length;
    }

    /** Single-byte token at {@code index}, or null when out of range. */
    public String single(int index) {
        return index >= 0 && index < single.length ? single[index] : null;
    }

    /** Double-byte token {@code index} of dictionary {@code dict}, or null when out of range. */
    public String doubleByte(int dict, int index) {
        if (dict < 0 || dict >= doubles.length) {
            return null;
        }
        String[] table = doubles[dict];
        return index >= 0 && index < table.length ? table[index] : null;
    }

    /** The encoding code of {@code s} (see {@link #DOUBLE_FLAG}), or -1 when it is no token. */
    int code(String s) {
        if (s.length() > maxTokenLength) {
            return -1;
        }
        Integer c = codes.get(s);
        return c == null ? -1 : c;
    }

    /** The length of the longest token. */
    int maxTokenLength() {
        return maxTokenLength;
    }

    static TokenDictionary load(String resource) {
        try (InputStream in = TokenDictionary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("token table resource missing: " + resource);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token table " + resource, e);
        }
    }

    static TokenDictionary parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null || !header.startsWith(MAGIC + " ")) {
            throw new IllegalStateException("token table: bad header " + header);
        }
        String dict = field(header, "dict");
        if (!String.valueOf(DICT_VERSION).equals(dict)) {
            throw new IllegalStateException("token table: dict=" + dict + ", expected " + DICT_VERSION);
        }
        String source = field(header, "source");
        String[] single = null;
        List<String[]> doubles = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts[0].equals("single") && parts.length == 2 && single == null) {
                single = readTokens(reader, Integer.parseInt(parts[1]));
            } else if (parts[0].equals("double") && parts.length == 3
                    && Integer.parseInt(parts[1]) == doubles.size()) {
                doubles.add(readTokens(reader, Integer.parseInt(parts[2])));
            } else {
                throw new IllegalStateException("token table: unexpected line " + line);
            }
        }
        // Shape fixed by the format (§5.3): tags 1..235 are single tokens, 236..239 pick a dict.
        if (single == null || single.length != 236 || doubles.size() != 4) {
            throw new IllegalStateException("token table: expected 236 single and 4 double tables");
        }
        return new TokenDictionary(single, doubles.toArray(String[][]::new), source);
    }

    private static String field(String header, String name) {
        for (String part : header.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String[] readTokens(BufferedReader reader, int count) throws IOException {
        if (count < 0 || count > 256) {
            throw new IllegalStateException("token table: bad count " + count);
        }
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            String line = reader.readLine();
            if (line == null) {
                throw new IllegalStateException("token table: truncated");
            }
            tokens[i] = unquote(line);
        }
        return tokens;
    }

    /** Reads one JSON string literal (the generator writes each token with JSON.stringify). */
    static String unquote(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            throw new IllegalStateException("token table: not a string literal: " + literal);
        }
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalStateException("token table: bad escape in " + literal);
            }
        }
        return out.toString();
    }
}
