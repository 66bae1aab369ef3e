package com.wagateway.whatsapp.binary;

/**
 * Packed digit strings (fact sheet §5.5): NIBBLE_8 holds {@code 0-9 - .}, HEX_8 holds
 * {@code 0-9 A-F}; two 4-bit codes per byte, high nibble first, an odd length padded with 15
 * and flagged in bit 7 of the length byte.
 */
final class PackedString {
    private static final char[] HEX_CHARS = "0123456789ABCDEF".toCharArray();

    private PackedString() {
    }

    /** Baileys {@code isNibble}: non-empty, at most 127 chars, each {@code 0-9}, '-' or '.'. */
    static boolean isNibble(String s) {
        int n = s.length();
        if (n == 0 || n > WireTags.PACKED_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Baileys {@code isHex}: non-empty, at most 127 chars, each {@code 0-9} or upper-case A-F. */
    static boolean isHex(String s) {
        int n = s.length();
        if (n == 0 || n > WireTags.PACKED_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'A' || c > 'F')) {
                return false;
            }
        }
        return true;
    }

    static int nibbleCode(char c) {
        return switch (c) {
            case '-' -> 10;
            case '.' -> 11;
            default -> c - '0';
        };
    }

    static int hexCode(char c) {
        return c <= '9' ? c - '0' : 10 + c - 'A';
    }

    /** Decoded char of a nibble code, or -1 for the codes 12–14 that have none. */
    static int nibbleChar(int code) {
        if (code <= 9) {
            return '0' + code;
        }
        return switch (code) {
            case 10 -> '-';
            case 11 -> '.';
            // Baileys unpacks the pad code to NUL and keeps it unless it is the dropped last char.
            case 15 -> 0;
            default -> -1;
        };
    }

    static char hexChar(int code) {
        return HEX_CHARS[code];
    }
}
