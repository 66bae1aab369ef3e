package com.wagateway.worker.media.fetch;

import java.net.InetAddress;

/**
 * What kind of address a fetch would connect to, for {@link AddressPolicy}. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-translated, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}) are classified by the IPv4 address inside, so {@code [::ffff:127.0.0.1]} is loopback.
 * Ranges: IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and successors).
 */
enum AddressClass {
    PUBLIC("public", Exemption.NONE_NEEDED),
    LOOPBACK("loopback", Exemption.PRIVATE_NETWORKS),
    PRIVATE("private, RFC 1918", Exemption.PRIVATE_NETWORKS),
    SHARED("shared carrier-grade NAT, RFC 6598", Exemption.PRIVATE_NETWORKS),
    UNIQUE_LOCAL("unique-local IPv6, fc00::/7", Exemption.PRIVATE_NETWORKS),
    SITE_LOCAL("site-local IPv6, fec0::/10", Exemption.PRIVATE_NETWORKS),
    /**
     * 169.254/16 holds the cloud metadata service (169.254.169.254): only an allow-listed IP literal opens it, never a
     * name, whose DNS answer an attacker may control or a mistake may point there.
     */
    LINK_LOCAL("link-local, incl. cloud metadata", Exemption.ALLOW_LISTED_LITERAL),
    RESERVED("reserved, documentation or special-purpose", Exemption.ALLOW_LIST),
    /** 0.0.0.0/8 and {@code ::}: on Linux a connect to 0.0.0.0 reaches the local host. */
    UNSPECIFIED("unspecified", Exemption.NEVER),
    MULTICAST("multicast", Exemption.NEVER),
    BROADCAST("broadcast", Exemption.NEVER);

    /** What lifts the refusal of a class. */
    enum Exemption {
        NONE_NEEDED,
        /** {@code MEDIA_ALLOW_PRIVATE_NETWORKS=true}, or the host on {@code MEDIA_ALLOWED_HOSTS}. */
        PRIVATE_NETWORKS,
        /** Only the host on {@code MEDIA_ALLOWED_HOSTS}. */
        ALLOW_LIST,
        /** Only the address itself on {@code MEDIA_ALLOWED_HOSTS}, as an IP literal in the URL and the list. */
        ALLOW_LISTED_LITERAL,
        /** Nothing: not a unicast destination. */
        NEVER
    }

    private final String description;
    private final Exemption exemption;

    AddressClass(String description, Exemption exemption) {
        this.description = description;
        this.exemption = exemption;
    }

    String description() {
        return description;
    }

    Exemption exemption() {
        return exemption;
    }

    static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ofIpv4(b, 0) : ofIpv6(b);
    }

    private static AddressClass ofIpv4(byte[] bytes, int at) {
        int a = bytes[at] & 0xFF;
        int b = bytes[at + 1] & 0xFF;
        int c = bytes[at + 2] & 0xFF;
        int d = bytes[at + 3] & 0xFF;
        if (a == 0) {
            return UNSPECIFIED;
        }
        if (a == 127) {
            return LOOPBACK;
        }
        if (a == 10 || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168)) {
            return PRIVATE;
        }
        if (a == 100 && (b & 0xC0) == 64) {
            return SHARED;
        }
        if (a == 169 && b == 254) {
            return LINK_LOCAL;
        }
        if (a == 255 && b == 255 && c == 255 && d == 255) {
            return BROADCAST;
        }
        if (a >= 224 && a <= 239) {
            return MULTICAST;
        }
        if (a >= 240                                       // 240/4 reserved
                || (a == 192 && b == 0 && (c == 0 || c == 2)) // 192.0.0/24 protocol assignments, 192.0.2/24 TEST-NET-1
                || (a == 192 && b == 88 && c == 99)        // 6to4 relay anycast (deprecated)
                || (a == 198 && (b & 0xFE) == 18)          // 198.18/15 benchmarking
                || (a == 198 && b == 51 && c == 100)       // TEST-NET-2
                || (a == 203 && b == 0 && c == 113)) {     // TEST-NET-3
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        if (zero(b, 0, 10)) {
            int w5 = word(b, 10);
            if (w5 == 0xFFFF) {
                return ofIpv4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
            }
            if (w5 == 0) {
                if (zero(b, 12, 4)) {
                    return UNSPECIFIED;
                }
                if (zero(b, 12, 3) && b[15] == 1) {
                    return LOOPBACK;
                }
                // IPv4-compatible ::a.b.c.d (deprecated by RFC 4291): never a route to a public host either
                AddressClass inner = ofIpv4(b, 12);
                return inner == PUBLIC ? RESERVED : inner;
            }
        }
        if (zero(b, 0, 8) && word(b, 8) == 0xFFFF && word(b, 10) == 0) {
            return ofIpv4(b, 12); // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765)
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x0064 && w1 == 0xFF9B) {
            if (zero(b, 4, 8)) {
                return ofIpv4(b, 12); // NAT64 well-known prefix 64:ff9b::/96
            }
            if (word(b, 4) == 0x0001) {
                return PRIVATE; // 64:ff9b:1::/48 local-use translation (RFC 8215)
            }
        }
        if ((w0 & 0xFE00) == 0xFC00) {
            return UNIQUE_LOCAL;
        }
        if ((w0 & 0xFFC0) == 0xFE80) {
            return LINK_LOCAL;
        }
        if ((w0 & 0xFFC0) == 0xFEC0) {
            return SITE_LOCAL;
        }
        if ((w0 & 0xFF00) == 0xFF00) {
            return MULTICAST;
        }
        if (w0 == 0x2002) {
            return ofIpv4(b, 2); // 6to4: the IPv4 address is bits 16-47
        }
        if ((w0 == 0x2001 && (w1 & 0xFE00) == 0)      // 2001::/23 protocol assignments (Teredo, ORCHID, …)
                || (w0 == 0x2001 && w1 == 0x0DB8)    // documentation
                || (w0 == 0x3FFF && (w1 & 0xF000) == 0)) { // 3fff::/20 documentation (RFC 9637)
            return RESERVED;
        }
        if ((w0 & 0xE000) != 0x2000) {
            return RESERVED; // outside 2000::/3, the only global unicast block allocated
        }
        return PUBLIC;
    }

    private static boolean zero(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
