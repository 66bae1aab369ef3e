package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** The session side of media transfers, scripted: a media_conn answer, a record of sent stanzas. */
final class FakeMediaSession implements MediaSession {

    volatile Jid me = Jid.parse("15550001111:7@s.whatsapp.net");
    volatile boolean connected = true;
    volatile Node mediaConnAnswer;
    final List<Node> queries = new CopyOnWriteArrayList<>();
    final BlockingQueue<Node> sent = new LinkedBlockingQueue<>();
    /** Called with each sent stanza (a scripted phone answering a media-retry request). */
    volatile Consumer<Node> onSend = node -> { };

    @Override
    public CompletableFuture<Node> query(Node iq) {
        queries.add(iq);
        if (!connected) {
            return CompletableFuture.failedFuture(new MediaTransferException(
                    MediaTransferException.Reason.NOT_CONNECTED, "not logged in"));
        }
        return CompletableFuture.supplyAsync(() -> mediaConnAnswer);
    }

    @Override
    public CompletableFuture<Boolean> send(Node node) {
        if (!connected) {
            return CompletableFuture.completedFuture(false);
        }
        sent.add(node);
        onSend.accept(node);
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public Jid me() {
        return me;
    }

    static Node mediaConn(String auth, long ttlSeconds, List<String> hosts, List<Long> limits) {
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            Attributes.Builder b = Attributes.builder().put("hostname", hosts.get(i));
            if (limits != null && limits.get(i) != null) {
                b.put("maxContentLengthBytes", Long.toString(limits.get(i)));
            }
            children.add(Node.of("host", b.build()));
        }
        return Node.of("iq", Attributes.of("type", "result", "from", "@s.whatsapp.net", "id", "1"),
                List.of(Node.of("media_conn", Attributes.of("auth", auth, "ttl", Long.toString(ttlSeconds),
                        "auth_ttl", "21600", "max_buckets", "12"), children)));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
