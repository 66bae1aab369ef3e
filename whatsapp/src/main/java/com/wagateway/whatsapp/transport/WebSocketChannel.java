package com.wagateway.whatsapp.transport;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One client WebSocket as {@link NoiseWebSocketClient} needs it: binary messages out in call order, binary
 * data in, and exactly one end. {@link WebSocketConnection} is the real one; tests put decorators in between.
 */
interface WebSocketChannel {

    /** Queues one unfragmented binary message; completes when it has been written to the socket. */
    CompletableFuture<Void> sendBinary(byte[] message);

    /** Queues a close frame; nothing can be sent after it. The server's close answer ends the channel. */
    CompletableFuture<Void> sendClose(int statusCode, String reason);

    /** Closes the socket at once; no event follows. */
    void abort();

    /**
     * Events of one channel, one at a time and in order, on the channel's reader thread. After
     * {@link #onClose} or {@link #onError} nothing follows.
     */
    interface Events {
        /** The upgrade succeeded; called before any data and before the open future completes. */
        void onOpen(WebSocketChannel channel);

        /** The next bytes of the binary message stream (message boundaries are not kept). */
        void onBinary(ByteBuffer data);

        /**
         * The connection ended without an error: {@code statusCode} from the server's close frame, or
         * {@link WebSocketConnection#CLOSED_ABNORMALLY} when the TCP connection ended without one.
         */
        void onClose(int statusCode, String reason);

        /** A protocol violation by the server, or an I/O error reading or writing. */
        void onError(Throwable error);
    }

    /** Opens channels; the seam where tests slow or break what lies under a {@link NoiseWebSocketClient}. */
    @FunctionalInterface
    interface Opener {
        /**
         * Connects and upgrades within {@code timeout}; fails with an I/O error or a
         * {@link java.net.http.WebSocketHandshakeException} carrying the server's answer.
         */
        CompletableFuture<WebSocketChannel> open(URI url, String origin, Duration timeout, Events events);
    }
}
