package com.wagateway.emulator.media;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import java.time.Duration;
import java.util.List;

/**
 * The answer to {@code <iq type="set" xmlns="w:m"><media_conn/></iq>} (fact sheet §11.1): a fresh upload auth token,
 * how long the client may cache the answer ({@code ttl}), how long the token is valid ({@code auth_ttl}), and two
 * hosts — {@code 127.0.0.1:<port>} and {@code localhost:<port>}, the same HTTPS server under two names — so a client
 * can fall back from one to the other (and a fault can fail one of them).
 */
public final class MediaConnAnswer {

    /** How long a client may reuse the answer before asking again. */
    public static final Duration TTL = Duration.ofMinutes(5);

    private final MediaAuth auth;
    private final int port;
    private final long maxContentLengthBytes;

    public MediaConnAnswer(MediaAuth auth, int port, long maxContentLengthBytes) {
        this.auth = auth;
        this.port = port;
        this.maxContentLengthBytes = maxContentLengthBytes;
    }

    /** The hosts in the order clients try them. */
    public List<String> hosts() {
        return List.of("127.0.0.1:" + port, "localhost:" + port);
    }

    /** The {@code <media_conn>} child of the iq result. */
    public Node mediaConn() {
        String max = Long.toString(maxContentLengthBytes);
        List<Node> hosts = hosts().stream()
                .map(h -> Node.of("host", Attributes.of("hostname", h, "maxContentLengthBytes", max)))
                .toList();
        return Node.of("media_conn", Attributes.of("auth", auth.issue(), "ttl", Long.toString(TTL.toSeconds()),
                "auth_ttl", Long.toString(auth.lifetime().toSeconds()), "max_buckets", "12"), hosts);
    }
}
