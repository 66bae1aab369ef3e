package com.wagateway.worker.media.fetch;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses IP literals in URL hosts ourselves, so a literal never reaches a DNS lookup and every spelling of an address
 * is recognised: IPv4 in the forms {@code inet_aton} accepts (decimal {@code 2130706433}, octal {@code 0177.0.0.1},
 * hex {@code 0x7f.1}, short {@code 127.1}) and IPv6 (with {@code ::} and a trailing dotted quad).
 */
final class HostLiterals {

    private HostLiterals() {}

    /**
     * True when the host's last label is numeric (decimal digits, or {@code 0x} and hex digits): such a host is an IPv4
     * literal or invalid, never a name to look up (no top-level domain is numeric; the WHATWG URL rule).
     */
    static boolean looksLikeIpv4(String host) {
        int dot = host.lastIndexOf('.');
        String last = host.substring(dot + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.startsWith("0x") || last.startsWith("0X")) {
            return last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The four bytes of an inet_aton-style IPv4 literal (1 to 4 parts, each decimal, octal or hex), or empty. */
    static Optional<byte[]> parseIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long v = parsePart(parts[i]);
            if (v < 0) {
                return Optional.empty();
            }
            values[i] = v;
        }
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xFF) {
                return Optional.empty();
            }
        }
        // the last part fills the bytes the others left: 127.1 = 127.0.0.1, 2130706433 = 127.0.0.1
        int lastBytes = 4 - (parts.length - 1);
        long lastMax = (1L << (8 * lastBytes)) - 1;
        if (values[parts.length - 1] > lastMax) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            address |= values[i] << (8 * (3 - i));
        }
        address |= values[parts.length - 1];
        return Optional.of(new byte[] {
                (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    /** One part's value, or -1. */
    private static long parsePart(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && part.charAt(0) == '0' && (part.charAt(1) == 'x' || part.charAt(1) == 'X')) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0; // "0x" alone is 0 to inet_aton and to browsers
            }
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.length() > 12) {
            return -1; // far beyond 32 bits whatever the radix; also keeps the long from overflowing
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            value = value * radix + d;
        }
        return value;
    }

    /** The sixteen bytes of an IPv6 literal (no brackets, no zone id), or empty. */
    static Optional<byte[]> parseIpv6(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.indexOf('%') >= 0) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] headGroups = groups(head, gap < 0);
        if (headGroups == null) {
            return Optional.empty();
        }
        int[] tailGroups = gap >= 0 ? groups(tail, true) : new int[0];
        if (tailGroups == null) {
            return Optional.empty();
        }
        int total = headGroups.length + tailGroups.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return Optional.empty();
        }
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >>> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        int offset = 8 - tailGroups.length;
        for (int i = 0; i < tailGroups.length; i++) {
            out[2 * (offset + i)] = (byte) (tailGroups[i] >>> 8);
            out[2 * (offset + i) + 1] = (byte) tailGroups[i];
        }
        return Optional.of(out);
    }

    /**
     * 16-bit groups of a colon-separated run; when the run ends the address its final group may be a dotted quad.
     * Null when invalid.
     */
    private static int[] groups(String run, boolean endsAddress) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        boolean quad = endsAddress && parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (quad ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (quad && i == parts.length - 1) {
                byte[] v4 = dottedQuad(p);
                if (v4 == null) {
                    return null;
                }
                groups[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                groups[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            groups[i] = v;
        }
        return groups;
    }

    /** Strict a.b.c.d (decimal, 0-255 each) as allowed at the end of an IPv6 literal. */
    private static byte[] dottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Dotted quad, or the RFC 5952 short IPv6 form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
    static String text(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
