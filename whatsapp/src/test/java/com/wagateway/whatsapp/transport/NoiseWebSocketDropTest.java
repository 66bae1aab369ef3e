package com.wagateway.whatsapp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.NoiseResponder;
import com.wagateway.whatsapp.noise.TrustRoot;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server sends a frame and drops the TCP connection while the client is still busy with that frame (the
 * shape of a server that answers with {@code <failure>} or {@code <stream:error>} and hangs up, or of an
 * emulator {@code Session.disconnect()}): the end must reach the listener at once, in every way a server can
 * drop. The JDK WebSocket lost exactly this end (a FIN that arrives while the listener holds the previous
 * message throws an InternalError on the HttpClient's selector thread and no callback ever follows), so
 * each way is tried several times, with the listener blocked until the drop is on the wire.
 */
@Timeout(120)
class NoiseWebSocketDropTest {

    private static final FixedRandom RANDOM = new FixedRandom("drop");
    private static final Curve25519KeyPair ROOT = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair INTERMEDIATE = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair SERVER_STATIC = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair CLIENT_NOISE_KEY = Curve25519.generateKeyPair(RANDOM);
    private static final int ROUNDS = 8;
    private static HttpClient http;

    enum Drop {
        /** FIN without a close frame (Jetty {@code Session.disconnect()}). */
        FIN,
        /** FIN, the server still reading for a moment, then closed (Java-WebSocket's close of a connection). */
        HALF_CLOSE_THEN_CLOSE,
        /** A close frame and FIN right after it. */
        CLOSE_FRAME_THEN_FIN,
        /** RST. */
        RESET
    }

    @BeforeAll
    static void client() {
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void closeClient() {
        http.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Drop.class)
    void aDropWhileTheListenerHoldsTheLastFrameEndsTheConnectionAtOnce(Drop drop) throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch dropped = new CountDownLatch(1);
                BlockingQueue<String> events = new LinkedBlockingQueue<>();
                NoiseWebSocketClient.Listener listener = new NoiseWebSocketClient.Listener() {
                    @Override
                    public void onFrame(byte[] plaintext) {
                        events.add("frame " + new String(plaintext, StandardCharsets.UTF_8));
                        try {
                            // hold the frame until the drop is on the wire and has reached our side
                            dropped.await(5, TimeUnit.SECONDS);
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void onClosed(int statusCode, String reason) {
                        events.add("closed " + statusCode);
                    }

                    @Override
                    public void onFailure(Throwable error) {
                        events.add("failure " + error.getClass().getSimpleName());
                    }
                };
                ClientOptions options = ClientOptions.defaults().withUrl(server.uri())
                        .withTrustRoot(TrustRoot.of(ROOT.publicKey())).withHandshakeTimeout(Duration.ofSeconds(15));
                var connecting = NoiseWebSocketClient.connect(http, options, CLIENT_NOISE_KEY, new byte[] {1},
                        listener, RANDOM);
                RawWebSocketServer.Peer peer = server.nextPeer();
                serveNoise(peer, drop, dropped);
                NoiseWebSocketClient client = connecting.get(15, TimeUnit.SECONDS);
                try {
                    String first = events.poll(10, TimeUnit.SECONDS);
                    // a reset may discard the frame in our receive buffer: then the end comes first
                    if (drop != Drop.RESET || "frame last words".equals(first)) {
                        assertThat(first).isEqualTo("frame last words");
                    }
                    String end = "frame last words".equals(first) ? events.poll(5, TimeUnit.SECONDS) : first;
                    assertThat(end).as("round %d: the drop (%s) reached the listener", round, drop)
                            .isNotNull()
                            .matches(drop == Drop.CLOSE_FRAME_THEN_FIN ? "closed 4000"
                                    : drop == Drop.RESET ? "failure .*|closed 1006" : "closed 1006|failure .*");
                    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("nothing after the end").isNull();
                } finally {
                    client.abort();
                }
            }
        }
    }

    /** Runs the Noise responder on the peer; once authenticated it sends one frame and drops as told. */
    private static void serveNoise(RawWebSocketServer.Peer peer, Drop drop, CountDownLatch dropped) {
        ByteSink sink = new ByteSink() {
            @Override
            public void send(byte[] bytes) {
                try {
                    peer.sendBinary(bytes);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void close() {
                try {
                    peer.drop();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        };
        NoiseServerConnection.Listener onAuthenticated = new NoiseServerConnection.Listener() {
            @Override
            public void onAuthenticated(NoiseServerConnection connection, IntroHeader intro,
                                        ClientAuthentication client) {
                try {
                    connection.send("last words".getBytes(StandardCharsets.UTF_8));
                    switch (drop) {
                        case FIN -> peer.drop();
                        case HALF_CLOSE_THEN_CLOSE -> {
                            peer.halfClose();
                            Thread.sleep(50);
                            peer.drop();
                        }
                        case CLOSE_FRAME_THEN_FIN -> {
                            peer.sendClose(4000);
                            peer.drop();
                        }
                        case RESET -> peer.reset();
                    }
                } catch (IOException | CryptoException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    dropped.countDown();
                }
            }

            @Override
            public void onFrame(NoiseServerConnection connection, byte[] plaintext) {
            }

            @Override
            public void onFailure(NoiseServerConnection connection, Exception error) {
            }
        };
        NoiseServerConnection connection = new NoiseServerConnection(sink, NoiseResponder.create(SERVER_STATIC,
                new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER_STATIC.publicKey()), RANDOM),
                onAuthenticated, FrameEncoder.MAX_FRAME_LENGTH);
        Thread.ofPlatform().daemon().name("raw-ws-noise").start(() -> {
            try {
                while (true) {
                    RawWebSocketServer.ClientFrame frame = peer.received.take();
                    if (frame.opcode() == 0x2 || frame.opcode() == 0x0) {
                        connection.onBytes(ByteBuffer.wrap(frame.payload()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
