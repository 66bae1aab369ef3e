package com.wagateway.whatsapp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server answers clientFinish at once (as WhatsApp does with {@code <success>}), and here the
 * client's send of clientFinish is made to report completion 300 ms late (a slow socket, a busy
 * executor): the listener must still see no frame before the future {@code connect} returned has
 * completed, and then every frame, in order.
 */
@Timeout(60)
class NoiseWebSocketFrameOrderTest {

    private static final FixedRandom RANDOM = new FixedRandom("frame-order");
    private static final Curve25519KeyPair ROOT = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair INTERMEDIATE = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair SERVER_STATIC = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair CLIENT_NOISE_KEY = Curve25519.generateKeyPair(RANDOM);

    @Test
    void noFrameReachesTheListenerBeforeConnectCompletes() throws Exception {
        NoiseServerConnection.Listener greeter = new NoiseServerConnection.Listener() {
            @Override
            public void onAuthenticated(NoiseServerConnection connection, IntroHeader intro, ClientAuthentication client) {
                try {
                    for (int i = 0; i < 5; i++) {
                        connection.send(("early " + i).getBytes(StandardCharsets.UTF_8));
                    }
                } catch (CryptoException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void onFrame(NoiseServerConnection connection, byte[] plaintext) {
            }

            @Override
            public void onFailure(NoiseServerConnection connection, Exception error) {
            }
        };
        LoopbackNoiseServer server = new LoopbackNoiseServer(SERVER_STATIC,
                new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER_STATIC.publicKey()), RANDOM, greeter).startAndWait();
        HttpClient real = HttpClient.newHttpClient();
        try {
            AtomicReference<CompletableFuture<NoiseWebSocketClient>> connecting = new AtomicReference<>();
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch five = new CountDownLatch(5);
            NoiseWebSocketClient.Listener listener = new NoiseWebSocketClient.Listener() {
                @Override
                public void onFrame(byte[] plaintext) {
                    CompletableFuture<NoiseWebSocketClient> f = connecting.get();
                    seen.add(new String(plaintext, StandardCharsets.UTF_8) + (f != null && f.isDone() ? " after connect" : " BEFORE connect"));
                    five.countDown();
                }

                @Override
                public void onClosed(int statusCode, String reason) {
                }

                @Override
                public void onFailure(Throwable error) {
                    seen.add("FAILURE " + error);
                }
            };
            ClientOptions options = ClientOptions.defaults().withUrl(server.uri())
                    .withTrustRoot(TrustRoot.of(ROOT.publicKey())).withHandshakeTimeout(Duration.ofSeconds(15));
            CompletableFuture<NoiseWebSocketClient> future = NoiseWebSocketClient.connect(
                    slowSends(WebSocketConnection.opener(real), 300), options, CLIENT_NOISE_KEY, new byte[] {1}, listener, RANDOM);
            connecting.set(future);
            NoiseWebSocketClient client = future.get(20, TimeUnit.SECONDS);
            assertThat(five.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("early 0 after connect", "early 1 after connect", "early 2 after connect",
                    "early 3 after connect", "early 4 after connect");
            client.close().get(10, TimeUnit.SECONDS);
        } finally {
            real.close();
            server.stop(1000);
        }
    }

    /** Opens real channels whose sends report completion {@code delayMillis} after they really completed. */
    private static WebSocketChannel.Opener slowSends(WebSocketChannel.Opener real, long delayMillis) {
        return (url, origin, timeout, events) -> {
            AtomicReference<WebSocketChannel> slow = new AtomicReference<>();
            WebSocketChannel.Events wrapped = new WebSocketChannel.Events() {
                @Override
                public void onOpen(WebSocketChannel channel) {
                    slow.set(new SlowSendChannel(channel, delayMillis));
                    events.onOpen(slow.get());
                }

                @Override
                public void onBinary(ByteBuffer data) {
                    events.onBinary(data);
                }

                @Override
                public void onClose(int statusCode, String reason) {
                    events.onClose(statusCode, reason);
                }

                @Override
                public void onError(Throwable error) {
                    events.onError(error);
                }
            };
            return real.open(url, origin, timeout, wrapped).thenApply(channel -> slow.get());
        };
    }

    private record SlowSendChannel(WebSocketChannel delegate, long delayMillis) implements WebSocketChannel {
        @Override
        public CompletableFuture<Void> sendBinary(byte[] message) {
            Executor later = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS);
            return delegate.sendBinary(message).thenApplyAsync(ok -> ok, later);
        }

        @Override
        public CompletableFuture<Void> sendClose(int statusCode, String reason) {
            return delegate.sendClose(statusCode, reason);
        }

        @Override
        public void abort() {
            delegate.abort();
        }
    }
}
