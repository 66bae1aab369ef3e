package com.wagateway.benchmarks.transport;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.NoiseResponder;
import com.wagateway.whatsapp.transport.ByteSink;
import com.wagateway.whatsapp.transport.FrameEncoder;
import com.wagateway.whatsapp.transport.IntroHeader;
import com.wagateway.whatsapp.transport.NoiseServerConnection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** Java-WebSocket server on 127.0.0.1 running our responder for every connection; idle after the handshake. */
final class LoopbackNoiseServer extends WebSocketServer {

    private final IdleConnectionsDriver.Keys keys = IdleConnectionsDriver.Keys.derive();
    private final RandomSource random = new SecureRandom()::nextBytes;
    private final CountDownLatch started = new CountDownLatch(1);
    private final NoiseServerConnection.Listener idle = new NoiseServerConnection.Listener() {
        @Override
        public void onAuthenticated(NoiseServerConnection connection, IntroHeader intro, ClientAuthentication client) {
            try {
                connection.send(new byte[32]); // stands in for <success>: the client's read cipher gets used
            } catch (CryptoException e) {
                System.err.println("server send failed: " + e);
            }
        }

        @Override
        public void onFrame(NoiseServerConnection connection, byte[] plaintext) {
        }

        @Override
        public void onFailure(NoiseServerConnection connection, Exception error) {
            System.err.println("server connection failure: " + error);
        }
    };

    private LoopbackNoiseServer(int port) {
        super(new InetSocketAddress("127.0.0.1", port));
        setReuseAddr(true);
    }

    static void serve(int port) throws InterruptedException {
        LoopbackNoiseServer server = new LoopbackNoiseServer(port);
        server.start();
        server.started.await();
        System.out.println("READY " + server.getPort());
        System.out.flush();
        Thread.currentThread().join(); // until the parent destroys this process
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
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
        conn.setAttachment(new NoiseServerConnection(sink, NoiseResponder.create(keys.serverStatic(), keys.chain(), random),
                idle, FrameEncoder.MAX_FRAME_LENGTH));
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
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        System.err.println("server error: " + ex);
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
