package com.wagateway.whatsapp.transport;

import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.NoiseResponder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** A Java-WebSocket server on 127.0.0.1 hosting our {@link NoiseServerConnection} (the emulator's shape). */
final class LoopbackNoiseServer extends WebSocketServer {

    private final Curve25519KeyPair staticKey;
    private final byte[] certChain;
    private final RandomSource random;
    private final NoiseServerConnection.Listener listener;
    private final CountDownLatch started = new CountDownLatch(1);
    final CopyOnWriteArrayList<String> origins = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<String> paths = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);

    LoopbackNoiseServer(Curve25519KeyPair staticKey, byte[] certChain, RandomSource random,
                        NoiseServerConnection.Listener listener) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.staticKey = staticKey;
        this.certChain = certChain;
        this.random = random;
        this.listener = listener;
        setReuseAddr(true);
    }

    LoopbackNoiseServer startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("loopback server did not start");
        }
        return this;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/ws/chat");
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        origins.add(handshake.getFieldValue("Origin"));
        paths.add(handshake.getResourceDescriptor());
        ByteSink sink = new ByteSink() {
            @Override
            public void send(byte[] bytes) {
                conn.send(bytes);
            }

            @Override
            public void close() {
                conn.close();
            }
        };
        conn.setAttachment(new NoiseServerConnection(sink, NoiseResponder.create(staticKey, certChain, random),
                listener, FrameEncoder.MAX_FRAME_LENGTH));
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        NoiseServerConnection connection = conn.getAttachment();
        connection.onBytes(message);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        conn.close();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        closed.countDown();
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // surfaced through the test's assertions on the client side
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
