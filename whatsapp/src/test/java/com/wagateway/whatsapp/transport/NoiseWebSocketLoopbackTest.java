package com.wagateway.whatsapp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.HandshakeError;
import com.wagateway.whatsapp.noise.HandshakeException;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our client (JDK WebSocket) against our responder hosted in a Java-WebSocket server on 127.0.0.1:
 * full handshake, encrypted frames both ways, clean close; a chain from another root and a chain
 * for another key fail with typed handshake errors.
 */
@Timeout(60)
class NoiseWebSocketLoopbackTest {

    private static final FixedRandom RANDOM = new FixedRandom("loopback");
    private static final Curve25519KeyPair ROOT = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair INTERMEDIATE = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair SERVER_STATIC = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair CLIENT_NOISE_KEY = Curve25519.generateKeyPair(RANDOM);
    private static HttpClient http;

    @BeforeAll
    static void client() {
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void closeClient() {
        http.close();
    }

    @Test
    void handshakeFramesBothWaysAndCleanClose() throws Exception {
        BlockingQueue<ClientAuthentication> authenticated = new LinkedBlockingQueue<>();
        List<String> serverReceived = new CopyOnWriteArrayList<>();
        NoiseServerConnection.Listener echo = new NoiseServerConnection.Listener() {
            @Override
            public void onAuthenticated(NoiseServerConnection connection, IntroHeader intro, ClientAuthentication client) {
                authenticated.add(client);
                send(connection, "welcome");
            }

            @Override
            public void onFrame(NoiseServerConnection connection, byte[] plaintext) {
                String text = new String(plaintext, StandardCharsets.UTF_8);
                serverReceived.add(text);
                send(connection, "echo:" + text);
            }

            @Override
            public void onFailure(NoiseServerConnection connection, Exception error) {
                serverReceived.add("FAILURE " + error);
            }
        };
        LoopbackNoiseServer server = new LoopbackNoiseServer(SERVER_STATIC,
                new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER_STATIC.publicKey()), RANDOM, echo).startAndWait();
        try {
            BlockingQueue<String> clientReceived = new LinkedBlockingQueue<>();
            CountDownLatch clientClosed = new CountDownLatch(1);
            NoiseWebSocketClient client = NoiseWebSocketClient.connect(http, options(server), CLIENT_NOISE_KEY,
                    "the ClientPayload".getBytes(StandardCharsets.UTF_8), new NoiseWebSocketClient.Listener() {
                        @Override
                        public void onFrame(byte[] plaintext) {
                            clientReceived.add(new String(plaintext, StandardCharsets.UTF_8));
                        }

                        @Override
                        public void onClosed(int statusCode, String reason) {
                            clientClosed.countDown();
                        }

                        @Override
                        public void onFailure(Throwable error) {
                            clientReceived.add("FAILURE " + error);
                        }
                    }, RANDOM).get(20, TimeUnit.SECONDS);

            ClientAuthentication auth = authenticated.poll(10, TimeUnit.SECONDS);
            assertThat(auth).isNotNull();
            assertThat(auth.clientStaticKey()).isEqualTo(CLIENT_NOISE_KEY.publicKey());
            assertThat(new String(auth.clientPayload(), StandardCharsets.UTF_8)).isEqualTo("the ClientPayload");
            assertThat(server.origins).containsExactly("https://web.whatsapp.com");
            assertThat(server.paths).containsExactly("/ws/chat");
            assertThat(client.serverCertificate().leafSerial()).isEqualTo(2);
            assertThat(clientReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("welcome");

            for (int i = 0; i < 50; i++) {
                client.send(("frame " + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(clientReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:frame " + i);
            }
            assertThat(serverReceived).hasSize(50).allMatch(s -> s.startsWith("frame "));

            client.close().get(10, TimeUnit.SECONDS);
            assertThat(server.closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(clientClosed.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.stop(1000);
        }
    }

    @Test
    void aChainFromAnotherRootFailsTheHandshakeWithATypedError() throws Exception {
        Curve25519KeyPair otherRoot = Curve25519.generateKeyPair(RANDOM);
        HandshakeError error = failedHandshake(new CertChainBuilder(otherRoot, INTERMEDIATE).build(SERVER_STATIC.publicKey()));
        assertThat(error).isInstanceOf(HandshakeError.BadIntermediateSignature.class);
    }

    @Test
    void aChainForAnotherServerKeyFailsTheHandshakeWithATypedError() throws Exception {
        Curve25519KeyPair other = Curve25519.generateKeyPair(RANDOM);
        HandshakeError error = failedHandshake(new CertChainBuilder(ROOT, INTERMEDIATE).build(other.publicKey()));
        assertThat(error).isInstanceOf(HandshakeError.LeafKeyMismatch.class);
    }

    private HandshakeError failedHandshake(byte[] chain) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        NoiseServerConnection.Listener recorder = new NoiseServerConnection.Listener() {
            @Override
            public void onAuthenticated(NoiseServerConnection connection, IntroHeader intro, ClientAuthentication client) {
                events.add("authenticated");
            }

            @Override
            public void onFrame(NoiseServerConnection connection, byte[] plaintext) {
                events.add("frame");
            }

            @Override
            public void onFailure(NoiseServerConnection connection, Exception error) {
                events.add("failure");
            }
        };
        LoopbackNoiseServer server = new LoopbackNoiseServer(SERVER_STATIC, chain, RANDOM, recorder).startAndWait();
        try {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> NoiseWebSocketClient.connect(http, options(server), CLIENT_NOISE_KEY, new byte[] {1},
                            new NoopListener(), RANDOM).get(20, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(HandshakeException.class);
            assertThat(server.closed.await(10, TimeUnit.SECONDS)).isTrue(); // the client aborted
            assertThat(events).doesNotContain("authenticated");
            return ((HandshakeException) e.getCause()).error();
        } finally {
            server.stop(1000);
        }
    }

    private static ClientOptions options(LoopbackNoiseServer server) {
        return ClientOptions.defaults().withUrl(server.uri()).withTrustRoot(TrustRoot.of(ROOT.publicKey()))
                .withHandshakeTimeout(Duration.ofSeconds(15));
    }

    private static void send(NoiseServerConnection connection, String text) {
        try {
            connection.send(text.getBytes(StandardCharsets.UTF_8));
        } catch (CryptoException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class NoopListener implements NoiseWebSocketClient.Listener {
        @Override
        public void onFrame(byte[] plaintext) {
        }

        @Override
        public void onClosed(int statusCode, String reason) {
        }

        @Override
        public void onFailure(Throwable error) {
        }
    }
}
