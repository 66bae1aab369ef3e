package com.wagateway.whatsapp.binary;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The two JavaScript number conversions Baileys' {@code jidDecode} applies to a JID's device and
 * agent parts ({@code +device}, {@code parseInt(agent)}), and the byte {@code pushByte(x || 0)}
 * then writes. Needed only so that odd JID-like strings encode exactly as Baileys encodes them
 * (fact sheet §5.7); well-formed JIDs have plain decimal parts.
 */
final class JsNumber {
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:Infinity|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)");
    private static final Pattern RADIX = Pattern.compile("0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)");

    private JsNumber() {
    }

    /** ECMA-262 StringToNumber, the unary {@code +} applied to a string. */
    static double stringToNumber(String s) {
        long plain = plainDecimal(s);
        if (plain >= 0) {
            return plain; // the usual device number: skip the regular expressions
        }
        String t = trim(s);
        if (t.isEmpty()) {
            return 0;
        }
        if (RADIX.matcher(t).matches()) {
            int radix = switch (t.charAt(1)) {
                case 'x', 'X' -> 16;
                case 'o', 'O' -> 8;
                default -> 2;
            };
            return new BigInteger(t.substring(2), radix).doubleValue();
        }
        if (!DECIMAL.matcher(t).matches()) {
            return Double.NaN;
        }
        if (t.endsWith("Infinity")) {
            return t.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(t);
    }

    /** The value of 1–15 ASCII digits (exact in a double), or -1 for anything else. */
    private static long plainDecimal(String s) {
        int n = s.length();
        if (n == 0 || n > 15) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** ECMA-262 {@code parseInt(s)} with no radix. */
    static double parseInt(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isJsWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            radix = 16;
            i += 2;
        }
        int start = i;
        while (i < n && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == start) {
            return Double.NaN;
        }
        String digits = s.substring(start, i);
        double value = radix == 10 ? Double.parseDouble(digits) : new BigInteger(digits, 16).doubleValue();
        return negative ? -value : value;
    }

    /** The byte Baileys writes for a number {@code x}: {@code (x || 0) & 0xff} (ToInt32). */
    static int lowByte(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return 0;
        }
        // Doubles of magnitude 2^63 and more are multiples of 2^11, so their low byte is 0.
        if (Math.abs(x) >= 0x1p63) {
            return 0;
        }
        return (int) ((long) x & 0xFF);
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** ECMA-262 WhiteSpace and LineTerminator code points. */
    static boolean isJsWhitespace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', 0xFEFF, 0x2028, 0x2029 -> true;
            default -> Character.getType(c) == Character.SPACE_SEPARATOR;
        };
    }
}
