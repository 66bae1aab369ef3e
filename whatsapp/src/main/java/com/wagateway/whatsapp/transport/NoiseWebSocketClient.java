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
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A client connection to a WhatsApp (or emulator) WebSocket (fact sheet §2–3) on the JDK's
 * non-blocking {@link WebSocket}: sends the intro and clientHello, verifies the server's chain,
 * sends clientFinish with the caller's ClientPayload, then carries encrypted frames both ways.
 * Decrypted frame payloads go to {@link Listener#onFrame}; the binary node layer sits above.
 *
 * <p>Share one {@link HttpClient} across connections: each client costs a selector thread and
 * buffers, a WebSocket only its own state (see docs/performance.md).
 */
public final class NoiseWebSocketClient {

    /** §2.1: the Origin every WhatsApp Web client presents. */
    public static final String ORIGIN = "https://web.whatsapp.com";

    /**
     * Callbacks, invoked one at a time on the HttpClient's executor. No frame is delivered before the
     * future {@link #connect} returned has completed, so the caller already holds the client when the
     * server's first frame (e.g. {@code <success>}) arrives.
     */
    public interface Listener {
        /** One decrypted frame payload from the server. */
        void onFrame(byte[] plaintext);

        /** The server closed the WebSocket. */
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
    private volatile WebSocket socket;
    private volatile TransportCipher transport;
    private volatile VerifiedServerCertificate serverCertificate;
    private volatile boolean failed;
    /**
     * Frames decrypted after the handshake but before the connect future completed (the server may
     * answer clientFinish before our send of it reports completion). Guarded by {@code deliveryLock};
     * null once delivery is direct.
     */
    private ArrayDeque<byte[]> pendingFrames = new ArrayDeque<>();
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
        NoiseWebSocketClient client = new NoiseWebSocketClient(options, noiseKey, clientPayload, listener, random);
        httpClient.newWebSocketBuilder()
                .header("Origin", ORIGIN)
                .connectTimeout(options.handshakeTimeout())
                .buildAsync(options.url(), client.new SocketListener())
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
        WebSocket ws = socket;
        if (ws == null) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (sendLock) {
            sendTail = sendTail.handle((ok, error) -> null)
                    .thenCompose(ignored -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
            return sendTail;
        }
    }

    public VerifiedServerCertificate serverCertificate() {
        return serverCertificate;
    }

    private CompletableFuture<?> enqueue(byte[] frame) {
        WebSocket ws = socket;
        // the JDK WebSocket allows one outstanding send: chain them
        sendTail = sendTail.thenCompose(ignored -> ws.sendBinary(ByteBuffer.wrap(frame), true));
        return sendTail;
    }

    /**
     * Drops the connection at once, without the close handshake: for a peer that stopped answering, whose
     * close reply would never come (the JDK WebSocket otherwise holds the socket until TCP gives up).
     */
    public void abort() {
        failed = true;
        WebSocket ws = socket;
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
            if (!handshake.completeExceptionally(e)) {
                listener.onFailure(e);
            }
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
            synchronized (deliveryLock) {
                next = pendingFrames.poll();
                if (next == null) {
                    pendingFrames = null;
                    delivering = true;
                    return;
                }
            }
            listener.onFrame(next);
        }
    }

    private void discardPending() {
        synchronized (deliveryLock) {
            pendingFrames = null;
        }
    }

    private final class SocketListener implements WebSocket.Listener {

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            synchronized (sendLock) {
                enqueue(encoder.encode(initiator.clientHello()));
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            onData(data);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            // §2.1: the protocol is binary only; a text message is a broken peer
            IllegalStateException error = new IllegalStateException("server sent a text WebSocket message");
            if (!handshake.completeExceptionally(error)) {
                listener.onFailure(error);
            }
            abort();
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!handshake.completeExceptionally(new IllegalStateException(
                    "server closed the WebSocket during the handshake (" + statusCode + ")"))) {
                listener.onClosed(statusCode, reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!handshake.completeExceptionally(error)) {
                listener.onFailure(error);
            }
        }
    }
}
