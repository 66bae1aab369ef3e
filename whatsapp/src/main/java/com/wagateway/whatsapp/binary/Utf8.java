package com.wagateway.whatsapp.binary;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as Node's Buffer does it, so strings agree with Baileys character for character:
 * encoding writes a lone surrogate as U+FFFD ({@code EF BF BD}) where {@link String#getBytes}
 * would write '?', and decoding replaces each maximal ill-formed subpart with one U+FFFD (the
 * WHATWG Encoding Standard decoder), where the JDK's fast path may count differently.
 */
final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** Encoded length of {@code s}. */
    static int length(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    len += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 2; // 4 bytes for 2 chars
                    i++;
                } else {
                    len += 2; // 3 bytes, also for a lone surrogate written as U+FFFD
                }
            }
        }
        return len;
    }

    /** Writes {@code s} at {@code pos}; the caller has made room for {@link #length} bytes. */
    static int write(String s, byte[] out, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | c >> 6);
                out[pos++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    out[pos++] = (byte) (0xF0 | cp >> 18);
                    out[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    out[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    out[pos++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    out[pos++] = (byte) 0xEF;
                    out[pos++] = (byte) 0xBF;
                    out[pos++] = (byte) 0xBD;
                }
            } else {
                out[pos++] = (byte) (0xE0 | c >> 12);
                out[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[pos++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return pos;
    }

    /** Decodes {@code length} bytes at {@code offset} (WHATWG "UTF-8 decode without BOM"). */
    static String decode(byte[] in, int offset, int length) {
        if (length == 0) {
            return "";
        }
        int end = offset + length;
        boolean ascii = true;
        for (int i = offset; i < end; i++) {
            if (in[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(in, offset, length, StandardCharsets.ISO_8859_1);
        }
        char[] out = new char[length];
        int n = 0;
        int needed = 0;
        int seen = 0;
        int cp = 0;
        int lower = 0x80;
        int upper = 0xBF;
        for (int i = offset; i < end; i++) {
            int b = in[i] & 0xFF;
            if (needed == 0) {
                if (b < 0x80) {
                    out[n++] = (char) b;
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    cp = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    cp = b & 0x0F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    cp = b & 0x07;
                } else {
                    out[n++] = REPLACEMENT;
                }
                continue;
            }
            if (b < lower || b > upper) {
                needed = 0;
                seen = 0;
                lower = 0x80;
                upper = 0xBF;
                out[n++] = REPLACEMENT;
                i--; // this byte starts over
                continue;
            }
            lower = 0x80;
            upper = 0xBF;
            cp = cp << 6 | b & 0x3F;
            if (++seen == needed) {
                if (cp >= 0x10000) {
                    out[n++] = Character.highSurrogate(cp);
                    out[n++] = Character.lowSurrogate(cp);
                } else {
                    out[n++] = (char) cp;
                }
                needed = 0;
                seen = 0;
            }
        }
        if (needed != 0) {
            out[n++] = REPLACEMENT;
        }
        return new String(out, 0, n);
    }
}
