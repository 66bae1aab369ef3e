package com.wagateway.whatsapp.transport;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.CertChainVerifier;
import com.wagateway.whatsapp.noise.HandshakeException;
import com.wagateway.whatsapp.noise.NoiseInitiator;
import com.wagateway.whatsapp.noise.TransportCipher;
import com.wagateway.whatsapp.noise.VerifiedServerCertificate;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client connection to a WhatsApp (or emulator) WebSocket (fact sheet §2–3) on our
 * {@link WebSocketConnection}: sends the intro and clientHello, verifies the server's chain,
 * sends clientFinish with the caller's ClientPayload, then carries encrypted frames both ways.
 * Decrypted frame payloads go to {@link Listener#onFrame}; the binary node layer sits above.
 *
 * <p>Not the JDK's {@link java.net.http.WebSocket}: that one can miss a server's drop for good (see
 * {@link WebSocketConnection}). The {@link HttpClient} passed to {@link #connect} only supplies the TLS
 * settings; each connection costs a socket, its buffers and a parked virtual thread (docs/performance.md).
 */
public final class NoiseWebSocketClient {

    /** §2.1: the Origin every WhatsApp Web client presents. */
    public static final String ORIGIN = "https://web.whatsapp.com";

    /**
     * Callbacks, invoked one at a time on the connection's reader thread (a virtual thread: blocking in
     * them holds back further frames of this connection only). No frame is delivered before the future
     * {@link #connect} returned has completed, so the caller already holds the client when the server's
     * first frame (e.g. {@code <success>}) arrives. Exactly one of {@link #onClosed} and {@link #onFailure}
     * ends every connection that completed its handshake, as soon as the end reaches the socket.
     */
    public interface Listener {
        /** One decrypted frame payload from the server. */
        void onFrame(byte[] plaintext);

        /** The server closed the WebSocket: its status, or 1006 when the TCP connection ended without one. */
        void onClosed(int statusCode, String reason);

        /** After the handshake: a broken stream ({@link FrameException}, {@link CryptoException}) or I/O error. */
        void onFailure(Throwable error);
    }

    private NoiseInitiator initiator; // dropped after the handshake: idle connections keep only the transport
    private byte[] clientPayload;
    private final Listener listener;
    private final FrameDecoder decoder;
    private final FrameEncoder encoder;
    private final CompletableFuture<NoiseWebSocketClient> handshake = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private volatile WebSocketChannel socket;
    private volatile TransportCipher transport;
    private volatile VerifiedServerCertificate serverCertificate;
    private volatile boolean failed;
    /**
     * Frames decrypted after the handshake but before the connect future completed (the server may
     * answer clientFinish before our send of it reports completion). Guarded by {@code deliveryLock};
     * null once delivery is direct.
     */
    private ArrayDeque<byte[]> pendingFrames = new ArrayDeque<>();
    /**
     * The end of the connection when it came after clientFinish but before the connect future completed
     * (a server that answers with {@code <failure>} and hangs up): reported after the queued frames.
     * Guarded by {@code deliveryLock}.
     */
    private Runnable pendingEnd;
    private boolean delivering;
    private final Object deliveryLock = new Object();

    private NoiseWebSocketClient(ClientOptions options, Curve25519KeyPair noiseKey, byte[] clientPayload,
                                 Listener listener, RandomSource random) {
        IntroHeader intro = IntroHeader.standard(options.routingInfo());
        this.initiator = new NoiseInitiator(noiseKey, Curve25519.generateKeyPair(random), intro.prologue(),
                new CertChainVerifier(options.trustRoot(), options.clock()));
        this.clientPayload = clientPayload.clone();
        this.listener = listener;
        this.decoder = FrameDecoder.forClient(options.maxFrameLength());
        this.encoder = FrameEncoder.client(intro);
    }

    /**
     * Opens the WebSocket and runs the handshake. The future completes when clientFinish has been
     * sent (the server's first encrypted frame, e.g. {@code <success>}, follows via the listener), or
     * fails with a {@link HandshakeException} (bad chain, tampering), an I/O error or a timeout.
     */
    public static CompletableFuture<NoiseWebSocketClient> connect(HttpClient httpClient, ClientOptions options,
                                                                  Curve25519KeyPair noiseKey, byte[] clientPayload,
                                                                  Listener listener, RandomSource random) {
        return connect(WebSocketConnection.opener(httpClient), options, noiseKey, clientPayload, listener, random);
    }

    /** {@link #connect(HttpClient, ClientOptions, Curve25519KeyPair, byte[], Listener, RandomSource)} on any channel. */
    static CompletableFuture<NoiseWebSocketClient> connect(WebSocketChannel.Opener opener, ClientOptions options,
                                                           Curve25519KeyPair noiseKey, byte[] clientPayload,
                                                           Listener listener, RandomSource random) {
        NoiseWebSocketClient client = new NoiseWebSocketClient(options, noiseKey, clientPayload, listener, random);
        opener.open(options.url(), ORIGIN, options.handshakeTimeout(), client.new SocketEvents())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        client.handshake.completeExceptionally(error);
                    }
                });
        return client.handshake
                .orTimeout(options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        client.abort();
                    }
                });
    }

    /** Encrypts and sends one frame payload. Sends are queued in call order. */
    public CompletableFuture<?> send(byte[] plaintext) {
        TransportCipher cipher = transport;
        if (cipher == null) {
            throw new IllegalStateException("handshake not finished");
        }
        synchronized (sendLock) {
            byte[] frame;
            try {
                frame = encoder.encode(cipher.encrypt(plaintext));
            } catch (CryptoException e) {
                return CompletableFuture.failedFuture(e);
            }
            return enqueue(frame);
        }
    }

    /** Sends a normal WebSocket close. */
    public CompletableFuture<?> close() {
        WebSocketChannel ws = socket;
        if (ws == null) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (sendLock) {
            sendTail = sendTail.handle((ok, error) -> null)
                    .thenCompose(ignored -> ws.sendClose(WebSocketConnection.NORMAL_CLOSURE, ""));
            return sendTail;
        }
    }

    public VerifiedServerCertificate serverCertificate() {
        return serverCertificate;
    }

    private CompletableFuture<?> enqueue(byte[] frame) {
        WebSocketChannel ws = socket;
        // one send at a time: a send reported complete late (a slow socket) still keeps the order
        sendTail = sendTail.thenCompose(ignored -> ws.sendBinary(frame));
        return sendTail;
    }

    /**
     * Drops the connection at once, without the close handshake: for a peer that stopped answering, whose
     * close reply would never come (the socket would otherwise stay open until TCP gives up).
     */
    public void abort() {
        failed = true;
        WebSocketChannel ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private void onData(ByteBuffer data) {
        if (failed) {
            return;
        }
        try {
            for (byte[] frame : decoder.feed(data)) {
                if (transport != null) {
                    deliver(transport.decrypt(frame));
                } else {
                    finishHandshake(frame);
                }
            }
        } catch (HandshakeException e) {
            handshake.completeExceptionally(e);
            abort();
        } catch (FrameException | CryptoException e) {
            end(() -> listener.onFailure(e), e);
            abort();
        }
    }

    private void finishHandshake(byte[] serverHello) throws HandshakeException {
        serverCertificate = initiator.readServerHello(serverHello);
        byte[] finish = initiator.clientFinish(clientPayload);
        synchronized (sendLock) {
            transport = initiator.transport();
            initiator = null;
            clientPayload = null;
            enqueue(encoder.encode(finish)).whenComplete((ok, error) -> {
                if (error != null) {
                    handshake.completeExceptionally(error);
                    discardPending();
                } else if (handshake.complete(this)) {
                    deliverPending();
                } else {
                    discardPending(); // timed out meanwhile: the connection is being aborted
                }
            });
        }
    }

    /** A decrypted frame: to the listener, or queued while the connect future is not complete yet. */
    private void deliver(byte[] plaintext) {
        synchronized (deliveryLock) {
            if (!delivering) {
                if (pendingFrames != null) {
                    pendingFrames.add(plaintext);
                }
                return;
            }
        }
        listener.onFrame(plaintext);
    }

    /**
     * After the connect future completed: the queued frames in order, then direct delivery. Frames
     * arriving meanwhile join the queue, so order is kept and calls never overlap.
     */
    private void deliverPending() {
        while (true) {
            byte[] next;
            Runnable end = null;
            synchronized (deliveryLock) {
                next = pendingFrames.poll();
                if (next == null) {
                    pendingFrames = null;
                    delivering = true;
                    end = pendingEnd;
                    pendingEnd = null;
                }
            }
            if (next == null) {
                if (end != null) {
                    end.run();
                }
                return;
            }
            listener.onFrame(next);
        }
    }

    private void discardPending() {
        synchronized (deliveryLock) {
            pendingFrames = null;
            pendingEnd = null;
        }
    }

    /**
     * The connection ended: during the Noise handshake that fails the connect future; after clientFinish
     * the report waits behind the queued frames until the connect future completed (and is dropped if
     * it failed); afterwards it goes straight to the listener.
     */
    private void end(Runnable report, Throwable duringHandshake) {
        synchronized (deliveryLock) {
            if (!delivering && transport != null) {
                if (pendingFrames != null) {
                    pendingEnd = report;
                }
                return;
            }
        }
        if (!handshake.completeExceptionally(duringHandshake)) {
            report.run();
        }
    }

    private final class SocketEvents implements WebSocketChannel.Events {

        @Override
        public void onOpen(WebSocketChannel channel) {
            socket = channel;
            if (failed) { // the connect timed out while the socket was opening
                channel.abort();
                return;
            }
            synchronized (sendLock) {
                enqueue(encoder.encode(initiator.clientHello()));
            }
        }

        @Override
        public void onBinary(ByteBuffer data) {
            onData(data);
        }

        @Override
        public void onClose(int statusCode, String reason) {
            end(() -> listener.onClosed(statusCode, reason), new IllegalStateException(
                    "server closed the WebSocket during the handshake (" + statusCode + ")"));
        }

        @Override
        public void onError(Throwable error) {
            end(() -> listener.onFailure(error), error);
        }
    }
}
