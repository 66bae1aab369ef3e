package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.NoiseResponder;
import com.wagateway.whatsapp.noise.TrustRoot;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload;
import com.wagateway.whatsapp.transport.ByteSink;
import com.wagateway.whatsapp.transport.FrameEncoder;
import com.wagateway.whatsapp.transport.IntroHeader;
import com.wagateway.whatsapp.transport.NoiseServerConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A small WhatsApp server for client tests, on 127.0.0.1: our Noise responder in Java-WebSocket, binary nodes,
 * and a script of hooks a test replaces — what to send after a registration or a login handshake, and how to
 * answer each node from the client. The defaults answer what the reference server answers after login (§8.1).
 */
final class ScriptedServer extends WebSocketServer {

    static final BinaryEncoder ENCODER = new BinaryEncoder();
    static final BinaryDecoder DECODER = new BinaryDecoder();

    private final Curve25519KeyPair staticKey;
    private final byte[] certChain;
    private final TrustRoot trustRoot;
    private final RandomSource random = RandomSource.secure();
    private final CountDownLatch started = new CountDownLatch(1);

    /** Every connection that finished the handshake, in order. */
    final List<Conn> connections = new CopyOnWriteArrayList<>();
    /** Every node any client sent, in order. */
    final BlockingQueue<Node> received = new LinkedBlockingQueue<>();
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger uploadedPreKeys = new AtomicInteger();

    volatile Consumer<Conn> onRegistration = conn -> conn.send(pairDevice("r1", "r2", "r3"));
    volatile Consumer<Conn> onLogin = conn -> conn.send(Node.of("success",
            Attributes.of("t", "1700000000", "lid", "9876543210:" + conn.payload.getDevice() + "@lid")));
    /** Answers a client node; the default answers the post-login IQs. */
    volatile BiConsumer<Conn, Node> onNode = ScriptedServer::answerDefault;
    volatile int preKeyCount = 0;
    volatile boolean refuseConnections;

    ScriptedServer(RandomSource keys) {
        this(keys, null);
    }

    /** @param wrongRoot when set, the chain is signed by this root instead of the one {@link #trustRoot} names */
    ScriptedServer(RandomSource keys, Curve25519KeyPair wrongRoot) {
        super(new InetSocketAddress("127.0.0.1", 0));
        Curve25519KeyPair root = Curve25519.generateKeyPair(keys);
        Curve25519KeyPair intermediate = Curve25519.generateKeyPair(keys);
        this.staticKey = Curve25519.generateKeyPair(keys);
        this.trustRoot = TrustRoot.of(root.publicKey());
        this.certChain = new CertChainBuilder(wrongRoot == null ? root : wrongRoot, intermediate)
                .build(staticKey.publicKey());
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    ScriptedServer startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("scripted server did not start");
        }
        return this;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/ws/chat");
    }

    TrustRoot trustRoot() {
        return trustRoot;
    }

    Conn last() {
        return connections.isEmpty() ? null : connections.getLast();
    }

    /** The next node the client sent that satisfies {@code test}, skipping others; null after {@code seconds}. */
    Node awaitReceived(java.util.function.Predicate<Node> test, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Node n = received.poll(left, TimeUnit.NANOSECONDS);
            if (n != null && test.test(n)) {
                return n;
            }
        }
    }

    static Node pairDevice(String... refs) {
        List<Node> children = new ArrayList<>();
        for (String ref : refs) {
            children.add(Node.of("ref", Attributes.empty(), ref.getBytes(StandardCharsets.UTF_8)));
        }
        return Node.of("iq", Attributes.of("from", "@s.whatsapp.net", "type", "set", "id", "pd-1", "xmlns", "md"),
                List.of(Node.of("pair-device", Attributes.empty(), children)));
    }

    static Node result(Node iq, Node... children) {
        Attributes attrs = Attributes.of("from", "@s.whatsapp.net", "type", "result", "id", iq.attr("id"));
        return children.length == 0 ? Node.of("iq", attrs) : Node.of("iq", attrs, List.of(children));
    }

    static boolean isIq(Node n, String xmlns) {
        return n.tag().equals("iq") && xmlns.equals(n.attr("xmlns"));
    }

    /** What the reference server answers after login (§8.1, §8.2, §8.3). */
    static void answerDefault(Conn conn, Node n) {
        if (!n.tag().equals("iq") || !("get".equals(n.attr("type")) || "set".equals(n.attr("type")))) {
            return;
        }
        String xmlns = String.valueOf(n.attr("xmlns"));
        switch (xmlns) {
            case "encrypt" -> {
                if (n.child("count") != null) {
                    conn.send(result(n, Node.of("count", Attributes.of("value",
                            Integer.toString(conn.server().preKeyCount)))));
                } else if (n.child("digest") != null) {
                    conn.send(result(n, Node.of("digest")));
                } else if (n.child("list") != null) {
                    conn.server().uploadedPreKeys.addAndGet(n.child("list").children().size());
                    conn.server().preKeyCount += n.child("list").children().size();
                    conn.send(result(n));
                } else {
                    conn.send(result(n));
                }
            }
            case "abt" -> conn.send(result(n, Node.of("props", Attributes.of("hash", "h1"))));
            case "blocklist" -> conn.send(result(n, Node.of("list")));
            case "privacy" -> conn.send(result(n, Node.of("privacy")));
            default -> conn.send(result(n));
        }
    }

    @Override
    public void onOpen(WebSocket ws, ClientHandshake handshake) {
        if (refuseConnections) {
            ws.close();
            return;
        }
        ByteSink sink = new ByteSink() {
            @Override
            public void send(byte[] bytes) {
                if (ws.isOpen()) {
                    ws.send(bytes);
                }
            }

            @Override
            public void close() {
                ws.close();
            }
        };
        Conn conn = new Conn(ws);
        ws.setAttachment(new NoiseServerConnection(sink, NoiseResponder.create(staticKey, certChain, random), conn,
                FrameEncoder.MAX_FRAME_LENGTH));
        conn.noise = ws.getAttachment();
    }

    @Override
    public void onMessage(WebSocket ws, ByteBuffer message) {
        NoiseServerConnection connection = ws.getAttachment();
        if (connection != null) {
            connection.onBytes(message);
        }
    }

    @Override
    public void onMessage(WebSocket ws, String message) {
        ws.close();
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket ws, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /** One client connection on the server side. */
    final class Conn implements NoiseServerConnection.Listener {
        final WebSocket ws;
        final BlockingQueue<Node> nodes = new LinkedBlockingQueue<>();
        volatile NoiseServerConnection noise;
        volatile ClientPayload payload;
        volatile byte[] clientNoiseKey;
        /** The edge routing info of the client's ED pre-intro, or null (§2.2). */
        volatile byte[] routingInfo;

        Conn(WebSocket ws) {
            this.ws = ws;
        }

        ScriptedServer server() {
            return ScriptedServer.this;
        }

        boolean isLogin() {
            return payload.hasUsername();
        }

        void send(Node node) {
            try {
                noise.send(ENCODER.encodeFrame(node));
            } catch (CryptoException | RuntimeException e) {
                // the socket is gone; tests see it on the client side
            }
        }

        /** An encrypted frame whose plaintext is not a node. */
        void sendPlaintext(byte[] plaintext) throws CryptoException {
            noise.send(plaintext);
        }

        /** Raw bytes on the socket: not a valid encrypted frame. */
        void sendRawBytes(byte[] bytes) {
            ws.send(bytes);
        }

        /**
         * Ends the TCP stream without a WebSocket close handshake. The FIN goes out at once: a plain close of a
         * channel still registered with the server's selector is deferred until that selector wakes up.
         */
        void drop() {
            try {
                if (ws instanceof org.java_websocket.WebSocketImpl impl
                        && impl.getChannel() instanceof java.nio.channels.SocketChannel channel) {
                    channel.shutdownOutput();
                }
            } catch (java.io.IOException e) {
                // already gone
            }
            ws.closeConnection(1006, "dropped by test");
        }

        @Override
        public void onAuthenticated(NoiseServerConnection connection, IntroHeader intro, ClientAuthentication client) {
            try {
                payload = ClientPayload.parseFrom(client.clientPayload());
            } catch (Exception e) {
                ws.close();
                return;
            }
            clientNoiseKey = client.clientStaticKey();
            routingInfo = intro.routingInfo();
            connections.add(this);
            if (isLogin()) {
                logins.incrementAndGet();
                onLogin.accept(this);
            } else {
                registrations.incrementAndGet();
                onRegistration.accept(this);
            }
        }

        @Override
        public void onFrame(NoiseServerConnection connection, byte[] plaintext) {
            Node node;
            try {
                node = DECODER.decodeFrame(plaintext);
            } catch (Exception e) {
                ws.close();
                return;
            }
            nodes.add(node);
            received.add(node);
            onNode.accept(this, node);
        }

        @Override
        public void onFailure(NoiseServerConnection connection, Exception error) {
        }
    }
}
