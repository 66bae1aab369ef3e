package com.wagateway.worker.media.fetch;

import com.wagateway.worker.media.fetch.MediaFetchException.Reason;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A media URL taken apart and normalised by our own rules (java.net.URI for the syntax, {@link HostLiterals} for
 * addresses), so the host the guard checks is exactly the host the request goes to, whatever spelling the URL used.
 *
 * @param scheme  {@code http} or {@code https}
 * @param host    lower-case ASCII name without a trailing dot, dotted-quad IPv4, or IPv6 without brackets
 * @param port    explicit port, or -1 for the scheme's default
 * @param literal the address when the host is an IP literal, else null (a name, resolved later)
 * @param uri     the request URI rebuilt from the parts above (no user info, no fragment)
 */
record FetchTarget(String scheme, String host, int port, InetAddress literal, URI uri) {

    static FetchTarget parse(String url) throws MediaFetchException {
        if (url == null || url.isBlank()) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "no URL");
        }
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "not a valid URL");
        }
        String scheme = parsed.getScheme() == null ? null : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            throw new MediaFetchException(Reason.UNSUPPORTED_SCHEME, "not an absolute http or https URL");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new MediaFetchException(Reason.UNSUPPORTED_SCHEME,
                    "only http and https URLs are fetched, not " + printable(scheme));
        }
        String authority = parsed.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "the URL has no host");
        }
        if (authority.indexOf('@') >= 0) {
            // http://trusted.example@10.0.0.1/ reads like one host and connects to another
            throw new MediaFetchException(Reason.MALFORMED_URL, "user info (name@) in the URL is not allowed");
        }
        String hostPart;
        String portPart = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new MediaFetchException(Reason.MALFORMED_URL, "unclosed [ in the host");
            }
            hostPart = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new MediaFetchException(Reason.MALFORMED_URL, "unexpected characters after the host");
                }
                portPart = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            hostPart = colon < 0 ? authority : authority.substring(0, colon);
            portPart = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = parsePort(portPart);
        Host host = parseHost(hostPart);
        String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
        String uriHost = host.name.indexOf(':') >= 0 ? "[" + host.name + "]" : host.name;
        URI uri;
        try {
            uri = new URI(scheme + "://" + uriHost + (port < 0 ? "" : ":" + port) + path + query);
        } catch (URISyntaxException e) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "not a valid URL");
        }
        return new FetchTarget(scheme, host.name, port, host.literal, uri);
    }

    /** The URL's last path segment, decoded; null when the path ends with '/' or has no segment. */
    String fileName() {
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return null;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? null : last;
    }

    boolean https() {
        return scheme.equals("https");
    }

    /** Host and port for messages and logs (never the path or query, which may carry tokens). */
    String describe() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port < 0 ? h : h + ":" + port;
    }

    private record Host(String name, InetAddress literal) {}

    private static int parsePort(String portPart) throws MediaFetchException {
        if (portPart == null || portPart.isEmpty()) {
            return -1;
        }
        if (portPart.length() > 5 || !portPart.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "invalid port");
        }
        int port = Integer.parseInt(portPart);
        if (port < 1 || port > 65535) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "port out of range");
        }
        return port;
    }

    private static Host parseHost(String raw) throws MediaFetchException {
        if (raw.startsWith("[")) {
            String inner = raw.substring(1, raw.length() - 1);
            if (inner.indexOf('%') >= 0) {
                throw new MediaFetchException(Reason.MALFORMED_URL, "IPv6 zone ids are not allowed");
            }
            byte[] bytes = HostLiterals.parseIpv6(inner).orElseThrow(() ->
                    new MediaFetchException(Reason.MALFORMED_URL, "invalid IPv6 address"));
            InetAddress address = address(bytes);
            return new Host(canonical(address), address);
        }
        if (raw.indexOf('%') >= 0) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "percent-encoded host names are not allowed");
        }
        String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        if (name.isEmpty()) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "the URL has no host");
        }
        if (!name.chars().allMatch(c -> c < 0x80)) {
            try {
                name = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw new MediaFetchException(Reason.MALFORMED_URL, "invalid international host name");
            }
        }
        name = name.toLowerCase(Locale.ROOT);
        if (HostLiterals.looksLikeIpv4(name)) {
            byte[] bytes = HostLiterals.parseIpv4(name).orElseThrow(() -> new MediaFetchException(
                    Reason.MALFORMED_URL, "the host looks like an IPv4 address but is not a valid one"));
            InetAddress address = address(bytes);
            return new Host(HostLiterals.text(address), address);
        }
        if (!validName(name)) {
            throw new MediaFetchException(Reason.MALFORMED_URL, "invalid host name");
        }
        return new Host(name, null);
    }

    private static boolean validName(String name) {
        if (name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** An address built from bytes: no lookup happens (getByAddress never resolves). */
    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes always make an address", e);
        }
    }

    /** IPv6 text for the request; an IPv4-mapped literal comes back from getByAddress as IPv4 and stays so. */
    private static String canonical(InetAddress address) {
        return HostLiterals.text(address);
    }

    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) + "…" : s;
        return cut.replaceAll("[^a-z0-9+.-]", "?");
    }
}
