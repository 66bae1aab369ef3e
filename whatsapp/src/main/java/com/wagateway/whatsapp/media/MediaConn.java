package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.binary.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's {@code media_conn} answer (fact sheet §11.1): the upload auth token, how long it holds, and the media
 * hosts in the server's order. {@link #toString()} leaves the token out.
 */
public record MediaConn(String auth, Duration ttl, List<Host> hosts, Instant fetchedAt) {

    /** One media host; {@code maxContentLengthBytes} 0 when the server stated no limit. */
    public record Host(String hostname, long maxContentLengthBytes) {}

    public MediaConn {
        hosts = List.copyOf(hosts);
    }

    /** Valid until {@code fetchedAt + ttl}. */
    public boolean isFresh(Instant now) {
        return now.isBefore(fetchedAt.plus(ttl));
    }

    /** The 7.x download host for direct paths: the first host. */
    public String downloadHost() {
        return hosts.getFirst().hostname();
    }

    /**
     * Reads {@code <iq type="result"><media_conn auth ttl><host hostname maxContentLengthBytes/>…</media_conn></iq>}.
     *
     * @throws IllegalArgumentException when auth, ttl or every host is missing or malformed
     */
    public static MediaConn parse(Node iqResult, Instant now) {
        Node conn = iqResult.child("media_conn");
        if (conn == null) {
            throw new IllegalArgumentException("answer has no media_conn");
        }
        String auth = conn.attr("auth");
        if (auth == null || auth.isEmpty()) {
            throw new IllegalArgumentException("media_conn has no auth");
        }
        long ttl;
        try {
            ttl = Long.parseLong(String.valueOf(conn.attr("ttl")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("media_conn has no numeric ttl");
        }
        if (ttl <= 0) {
            throw new IllegalArgumentException("media_conn ttl must be positive");
        }
        List<Host> hosts = new ArrayList<>();
        for (Node child : conn.children()) {
            String hostname = child.attr("hostname");
            if (!"host".equals(child.tag()) || hostname == null || !validHostname(hostname)) {
                continue;
            }
            long max = 0;
            try {
                String value = child.attr("maxContentLengthBytes");
                max = value == null ? 0 : Math.max(0, Long.parseLong(value));
            } catch (NumberFormatException e) {
                // a host without a readable limit is still a host; the server enforces its own limit
            }
            hosts.add(new Host(hostname, max));
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("media_conn lists no usable host");
        }
        return new MediaConn(auth, Duration.ofSeconds(ttl), hosts, now);
    }

    /** A host name (optionally with a port) and nothing else: it is put between {@code https://} and a path. */
    static boolean validHostname(String hostname) {
        return !hostname.isEmpty() && hostname.length() <= 255 && hostname.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    }

    @Override
    public String toString() {
        return "MediaConn[ttl=" + ttl + ", hosts=" + hosts + ", fetchedAt=" + fetchedAt + "]";
    }
}
