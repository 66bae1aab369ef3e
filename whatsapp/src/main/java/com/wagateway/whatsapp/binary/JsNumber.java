package com.wagateway.whatsapp.binary;

import java.math.BigInteger;

/**
 * The two JavaScript number conversions Baileys' {@code jidDecode} applies to a JID's device and
 * agent parts ({@code +device}, {@code parseInt(agent)}), and the byte {@code pushByte(x || 0)}
 * then writes. Needed only so that odd JID-like strings encode exactly as Baileys encodes them
 * (fact sheet §5.7); well-formed JIDs have plain decimal parts.
 */
final class JsNumber {
    /**
     * Radix digit strings with more significant bits than this are at least 2^1100, beyond the
     * largest double (just under 2^1024): their value is Infinity without building a BigInteger.
     */
    private static final int MAX_FINITE_BITS = 1100;

    private JsNumber() {
    }

    /**
     * ECMA-262 StringToNumber, the unary {@code +} applied to a string. A hand-written, linear scan
     * of the StringNumericLiteral grammar (a backtracking regular expression took 28 s on 40,000
     * digits followed by a letter).
     */
    static double stringToNumber(String s) {
        long plain = plainDecimal(s);
        if (plain >= 0) {
            return plain; // the usual device number
        }
        String t = trim(s);
        int n = t.length();
        if (n == 0) {
            return 0;
        }
        if (n > 2 && t.charAt(0) == '0') {
            int radix = switch (t.charAt(1)) {
                case 'x', 'X' -> 16;
                case 'o', 'O' -> 8;
                case 'b', 'B' -> 2;
                default -> 0;
            };
            if (radix != 0) {
                return radixValue(t, 2, n, radix);
            }
        }
        return isStrDecimalLiteral(t) ? decimalValue(t) : Double.NaN;
    }

    /**
     * StrDecimalLiteral: {@code [+-]? (Infinity | digits [. digits?]? exp? | . digits exp?)} with
     * {@code exp = [eE] [+-]? digits}.
     */
    private static boolean isStrDecimalLiteral(String t) {
        int n = t.length();
        int i = 0;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            i++;
        }
        if (t.startsWith("Infinity", i)) {
            return i + 8 == n;
        }
        int intDigits = 0;
        while (i < n && isAsciiDigit(t.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isAsciiDigit(t.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isAsciiDigit(t.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** The value of a string {@link #isStrDecimalLiteral} accepted. */
    private static double decimalValue(String t) {
        if (t.endsWith("Infinity")) {
            return t.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(t); // accepts every form of the grammar, correctly rounded
    }

    /**
     * The value of {@code t[from, to)} as digits in a power-of-two radix, or NaN when empty or
     * when a character is not such a digit.
     */
    private static double radixValue(String t, int from, int to, int radix) {
        if (from == to) {
            return Double.NaN;
        }
        int firstSignificant = -1;
        for (int i = from; i < to; i++) {
            int d = asciiDigit(t.charAt(i), radix);
            if (d < 0) {
                return Double.NaN;
            }
            if (firstSignificant < 0 && d != 0) {
                firstSignificant = i;
            }
        }
        if (firstSignificant < 0) {
            return 0;
        }
        int bitsPerDigit = Integer.numberOfTrailingZeros(radix);
        if ((long) (to - firstSignificant - 1) * bitsPerDigit > MAX_FINITE_BITS) {
            return Double.POSITIVE_INFINITY;
        }
        return new BigInteger(t.substring(firstSignificant, to), radix).doubleValue();
    }

    private static int asciiDigit(char c, int radix) {
        return c < 0x80 ? Character.digit(c, radix) : -1;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
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
        double value = radix == 10 ? Double.parseDouble(s.substring(start, i)) : radixValue(s, start, i, 16);
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
