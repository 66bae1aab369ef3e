package com.wagateway.whatsapp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
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
                    new SlowSendHttpClient(real, 300), options, CLIENT_NOISE_KEY, new byte[] {1}, listener, RANDOM);
            connecting.set(future);
            NoiseWebSocketClient client = future.get(20, TimeUnit.SECONDS);
            assertThat(five.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("early 0 after connect", "early 1 after connect", "early 2 after connect",
                    "early 3 after connect", "early 4 after connect");
            client.close().get(10, TimeUnit.SECONDS);
        } finally {
            real.shutdownNow(); // close() would wait for a socket a failed assertion left open
            server.stop(1000);
        }
    }

    /** An HttpClient whose WebSockets report each send complete {@code delayMillis} after it really is. */
    private static final class SlowSendHttpClient extends HttpClient {
        private final HttpClient delegate;
        private final long delayMillis;

        SlowSendHttpClient(HttpClient delegate, long delayMillis) {
            this.delegate = delegate;
            this.delayMillis = delayMillis;
        }

        @Override
        public WebSocket.Builder newWebSocketBuilder() {
            WebSocket.Builder real = delegate.newWebSocketBuilder();
            return new WebSocket.Builder() {
                @Override
                public WebSocket.Builder header(String name, String value) {
                    real.header(name, value);
                    return this;
                }

                @Override
                public WebSocket.Builder connectTimeout(Duration timeout) {
                    real.connectTimeout(timeout);
                    return this;
                }

                @Override
                public WebSocket.Builder subprotocols(String mostPreferred, String... lesserPreferred) {
                    real.subprotocols(mostPreferred, lesserPreferred);
                    return this;
                }

                @Override
                public CompletableFuture<WebSocket> buildAsync(URI uri, WebSocket.Listener listener) {
                    AtomicReference<WebSocket> slow = new AtomicReference<>();
                    WebSocket.Listener wrapped = new WebSocket.Listener() {
                        private WebSocket slow(WebSocket ws) {
                            slow.compareAndSet(null, new SlowSendWebSocket(ws, delayMillis));
                            return slow.get();
                        }

                        @Override
                        public void onOpen(WebSocket ws) {
                            listener.onOpen(slow(ws));
                        }

                        @Override
                        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                            return listener.onBinary(slow(ws), data, last);
                        }

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            return listener.onText(slow(ws), data, last);
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                            return listener.onClose(slow(ws), statusCode, reason);
                        }

                        @Override
                        public void onError(WebSocket ws, Throwable error) {
                            listener.onError(slow(ws), error);
                        }
                    };
                    return real.buildAsync(uri, wrapped).thenApply(ws -> slow.get());
                }
            };
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return delegate.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return delegate.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return delegate.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return delegate.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return delegate.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return delegate.authenticator();
        }

        @Override
        public Version version() {
            return delegate.version();
        }

        @Override
        public Optional<Executor> executor() {
            return delegate.executor();
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            return delegate.send(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return delegate.sendAsync(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> push) {
            return delegate.sendAsync(request, handler, push);
        }
    }

    private record SlowSendWebSocket(WebSocket delegate, long delayMillis) implements WebSocket {
        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            Executor later = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS);
            return delegate.sendBinary(data, last).thenApplyAsync(ws -> this, later);
        }

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            return delegate.sendText(data, last).thenApply(ws -> this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return delegate.sendPing(message).thenApply(ws -> this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return delegate.sendPong(message).thenApply(ws -> this);
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return delegate.sendClose(statusCode, reason).thenApply(ws -> this);
        }

        @Override
        public void request(long n) {
            delegate.request(n);
        }

        @Override
        public String getSubprotocol() {
            return delegate.getSubprotocol();
        }

        @Override
        public boolean isOutputClosed() {
            return delegate.isOutputClosed();
        }

        @Override
        public boolean isInputClosed() {
            return delegate.isInputClosed();
        }

        @Override
        public void abort() {
            delegate.abort();
        }
    }
}
