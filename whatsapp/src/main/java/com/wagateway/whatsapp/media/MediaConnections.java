package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One session's media connection (fact sheet §11.1): asks the server once, keeps the answer until its TTL passes on
 * the client's clock, and shares one request among concurrent callers. Thread-safe: uploads and downloads call it
 * from any thread.
 */
public final class MediaConnections {

    private final Function<Node, CompletableFuture<Node>> query;
    private final Clock clock;
    private CompletableFuture<MediaConn> current; // guarded by this

    /** @param query sends an IQ on the session's connection and completes with its result */
    public MediaConnections(Function<Node, CompletableFuture<Node>> query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    /** The cached answer while fresh, else a new request (shared by callers until it completes). */
    public synchronized CompletableFuture<MediaConn> get() {
        CompletableFuture<MediaConn> cached = current;
        if (cached != null) {
            if (!cached.isDone()) {
                return cached;
            }
            MediaConn conn = cached.isCompletedExceptionally() ? null : cached.join();
            if (conn != null && conn.isFresh(clock.instant())) {
                return cached;
            }
        }
        return fetch();
    }

    /**
     * Drops {@code stale} (every host failed with it) and asks again; a caller that arrives after another one
     * already refreshed gets that newer answer instead of a third request.
     */
    public synchronized CompletableFuture<MediaConn> refresh(MediaConn stale) {
        CompletableFuture<MediaConn> cached = current;
        if (cached != null && (!cached.isDone()
                || (!cached.isCompletedExceptionally() && cached.join() != stale))) {
            return cached;
        }
        return fetch();
    }

    private CompletableFuture<MediaConn> fetch() {
        CompletableFuture<MediaConn> next = query.apply(request())
                .thenApply(answer -> MediaConn.parse(answer, clock.instant()));
        current = next;
        return next;
    }

    /** {@code <iq to="@s.whatsapp.net" type="set" xmlns="w:m"><media_conn/></iq>} (the connection adds the id). */
    static Node request() {
        return Node.of("iq", Attributes.of("to", "@s.whatsapp.net", "type", "set", "xmlns", "w:m"),
                List.of(Node.of("media_conn")));
    }
}
