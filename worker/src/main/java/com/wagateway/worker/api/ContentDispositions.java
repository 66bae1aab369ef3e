package com.wagateway.worker.api;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a file name from outside (RFC 6266): an ASCII {@code filename="…"}
 * for old clients (non-ASCII, quotes, backslashes and controls replaced by {@code _}) and {@code filename*=UTF-8''…}
 * (RFC 8187/5987 percent-encoding of every byte outside attr-char) with the real name. The name was sanitized when
 * it was stored; this only makes it a well-formed header whatever it holds.
 */
final class ContentDispositions {

    private ContentDispositions() {}

    static String attachment(String fileName) {
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encode(fileName);
    }

    static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\'
                ? (char) cp : '_'));
        return out.toString();
    }

    /** attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
