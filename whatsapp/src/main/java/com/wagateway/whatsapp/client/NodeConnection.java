package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryDecodeException;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.transport.ClientOptions;
import com.wagateway.whatsapp.transport.NoiseWebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection at the node level: a {@link NoiseWebSocketClient} carrying binary nodes, stanza ids, IQs
 * matched to their answers with a timeout, the keep-alive ping and dead-peer check (§8.3), and exactly one end.
 * Every method runs on the owning client's {@link SerialExecutor}; transport callbacks are posted there.
 */
final class NodeConnection {

    /** What the client hears from a connection, on its serial executor. */
    interface Handler {
        /** A node that is not the answer to one of our IQs. */
        void onNode(NodeConnection connection, Node node);

        /** The connection ended for {@code reason}, the first one classified; called once. */
        void onEnded(NodeConnection connection, CloseReason reason);
    }

    private static final System.Logger LOG = System.getLogger(NodeConnection.class.getName());
    private static final BinaryEncoder ENCODER = new BinaryEncoder();
    /** §8.3: the reference declares the peer dead after the interval plus this. */
    static final Duration DEAD_PEER_GRACE = Duration.ofSeconds(5);
    static final String SERVER = "@s.whatsapp.net";
    /** How long a closed connection may wait for the server's close reply before it is aborted. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final ClientContext context;
    private final Executor serial;
    private final Handler handler;
    private final BinaryDecoder decoder;
    private final MessageTags tags;
    private NoiseWebSocketClient socket;
    private Map<String, PendingIq> pending; // allocated on first query
    private ScheduledFuture<?> keepAlive;
    private long lastReceivedNanos;
    private CloseReason ended;

    private record PendingIq(CompletableFuture<Node> answer, ScheduledFuture<?> timeout, String xmlns) {}

    NodeConnection(ClientContext context, Executor serial, Handler handler, BinaryDecoder decoder) {
        this.context = context;
        this.serial = serial;
        this.handler = handler;
        this.decoder = decoder;
        this.tags = new MessageTags(context.runtime().random());
    }

    /**
     * Connects and runs the handshake with {@code payload}; the future completes on the serial executor. A failed
     * connect does not call {@link Handler#onEnded}: the caller classifies it.
     */
    CompletableFuture<Void> open(Curve25519KeyPair noiseKey, byte[] payload, byte[] routingInfo) {
        ClientConfig config = context.config();
        ClientOptions options = new ClientOptions(config.serverUrl(), config.trustRoot(), config.handshakeTimeout(),
                routingInfo, config.maxFrameLength(), context.runtime().clock());
        CompletableFuture<Void> opened = new CompletableFuture<>();
        CompletableFuture<NoiseWebSocketClient> connecting;
        try {
            connecting = NoiseWebSocketClient.connect(context.runtime().httpClient(), options, noiseKey, payload,
                    new Transport(), context.runtime().random());
        } catch (RuntimeException e) { // e.g. a URL the JDK WebSocket refuses: a failed connect like any other
            opened.completeExceptionally(e);
            return opened;
        }
        connecting.whenComplete((client, error) -> serial.execute(() -> {
            if (error != null) {
                early = null;
                opened.completeExceptionally(error);
            } else if (ended != null) {
                early = null;
                client.close(); // closed by the client while connecting
                opened.completeExceptionally(new IllegalStateException("closed while connecting"));
            } else {
                socket = client;
                lastReceivedNanos = System.nanoTime();
                startKeepAlive();
                opened.complete(null);
                List<byte[]> overtaken = early;
                early = null;
                if (overtaken != null) {
                    overtaken.forEach(this::receive);
                }
            }
        }));
        return opened;
    }

    /** Frames that arrived before the connect completion ran; replayed right after it, in order. */
    private List<byte[]> early;

    boolean isOpen() {
        return socket != null && ended == null;
    }

    /** Sends one node; a failed send surfaces as the socket's failure. */
    void send(Node node) {
        if (!isOpen()) {
            return;
        }
        socket.send(ENCODER.encodeFrame(node)).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.DEBUG, "event=send_failed sessionId={0} tag={1} error={2}",
                        context.sessionId(), node.tag(), error.toString());
            }
        });
    }

    /** A new stanza id. */
    String nextId() {
        return tags.next();
    }

    /**
     * Sends an IQ (an id is added when it has none) and completes with its answer, or fails with an
     * {@link IqException}: error child, no answer within {@link ClientConfig#iqTimeout()}, connection ended.
     */
    CompletableFuture<Node> query(Node iq) {
        CompletableFuture<Node> answer = new CompletableFuture<>();
        if (!isOpen()) {
            answer.completeExceptionally(new IqException(IqException.CONNECTION_ENDED, null, "not connected"));
            return answer;
        }
        String id = iq.attr("id");
        Node request = iq;
        if (id == null) {
            id = nextId();
            request = withId(iq, id);
        }
        String key = id;
        String xmlns = String.valueOf(iq.attr("xmlns"));
        ScheduledFuture<?> timeout = context.runtime().scheduler().schedule(
                () -> serial.execute(() -> timeOut(key)),
                context.config().iqTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (pending == null) {
            pending = new HashMap<>(4);
        }
        pending.put(key, new PendingIq(answer, timeout, xmlns));
        send(request);
        return answer;
    }

    /** Ends the connection for {@code reason} unless it already ended; the first reason wins. */
    void end(CloseReason reason) {
        if (ended != null) {
            return;
        }
        ended = reason;
        if (keepAlive != null) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
        if (pending != null) {
            List<PendingIq> waiting = new ArrayList<>(pending.values());
            pending = null;
            for (PendingIq p : waiting) {
                p.timeout().cancel(false);
                p.answer().completeExceptionally(new IqException(IqException.CONNECTION_ENDED, null,
                        "connection ended before the answer to iq " + p.xmlns() + ": " + reason.description()));
            }
        }
        if (socket != null) {
            NoiseWebSocketClient closing = socket;
            closing.close();
            // a dead peer never answers the close: release the socket anyway after a grace period
            try {
                context.runtime().scheduler().schedule(closing::abort, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closing.abort(); // the runtime is shutting down: no grace
            }
        }
        handler.onEnded(this, reason);
    }

    CloseReason endReason() {
        return ended;
    }

    private static Node withId(Node iq, String id) {
        Attributes.Builder b = Attributes.builder().put("id", id);
        for (int i = 0; i < iq.attrs().size(); i++) {
            b.put(iq.attrs().key(i), iq.attrs().value(i));
        }
        return new Node(iq.tag(), b.build(), iq.content());
    }

    private void timeOut(String id) {
        PendingIq p = pending == null ? null : pending.remove(id);
        if (p != null) {
            p.answer().completeExceptionally(new IqException(IqException.TIMEOUT, null,
                    "iq " + p.xmlns() + " got no answer within " + context.config().iqTimeout()));
        }
    }

    private void startKeepAlive() {
        long interval = context.config().keepAliveInterval().toMillis();
        keepAlive = context.runtime().scheduler().scheduleAtFixedRate(() -> serial.execute(this::keepAliveTick),
                interval, interval, TimeUnit.MILLISECONDS);
    }

    /** §8.3: a ping each interval; nothing received for interval + 5 s means the peer is gone. */
    private void keepAliveTick() {
        if (!isOpen()) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReceivedNanos);
        if (silentMillis > context.config().keepAliveInterval().plus(DEAD_PEER_GRACE).toMillis()) {
            LOG.log(System.Logger.Level.INFO, "event=dead_peer sessionId={0} silentMs={1}", context.sessionId(),
                    String.valueOf(silentMillis));
            end(CloseReasons.connectionLost());
            return;
        }
        query(Node.of("iq", Attributes.of("to", SERVER, "type", "get", "xmlns", "w:p"),
                List.of(Node.of("ping")))).whenComplete((ok, error) -> {
                    if (error != null && isOpen()) {
                        LOG.log(System.Logger.Level.DEBUG, "event=ping_failed sessionId={0} error={1}",
                                context.sessionId(), error.getMessage());
                    }
                });
    }

    private void receive(byte[] plaintext) {
        if (ended != null) {
            return;
        }
        if (socket == null) {
            // the server's first frames (pair-device, success) can overtake the connect completion: when the
            // handshake finishes before open() attached its callback, the transport delivers them first
            if (early == null) {
                early = new ArrayList<>(2);
            }
            early.add(plaintext);
            return;
        }
        lastReceivedNanos = System.nanoTime();
        Node node;
        try {
            node = decoder.decodeFrame(plaintext);
        } catch (BinaryDecodeException | RuntimeException e) {
            end(CloseReasons.undecodableNode(e));
            return;
        }
        if (node.tag().equals("iq") && answers(node)) {
            return;
        }
        handler.onNode(this, node);
    }

    /** Completes the IQ this node answers; false when it answers none of ours. */
    private boolean answers(Node node) {
        String type = node.attr("type");
        String id = node.attr("id");
        if (id == null || pending == null || !("result".equals(type) || "error".equals(type))) {
            return false;
        }
        PendingIq p = pending.remove(id);
        if (p == null) {
            return false;
        }
        p.timeout().cancel(false);
        IqException error = IqException.fromAnswer(node, p.xmlns());
        if (error != null) {
            p.answer().completeExceptionally(error);
        } else {
            p.answer().complete(node);
        }
        return true;
    }

    /** Transport callbacks arrive on the HttpClient's threads: hand them to the serial executor. */
    private final class Transport implements NoiseWebSocketClient.Listener {
        @Override
        public void onFrame(byte[] plaintext) {
            serial.execute(() -> receive(plaintext));
        }

        @Override
        public void onClosed(int statusCode, String reason) {
            serial.execute(() -> end(CloseReasons.socketClosed(statusCode)));
        }

        @Override
        public void onFailure(Throwable error) {
            serial.execute(() -> end(CloseReasons.streamFailure(error)));
        }
    }
}
