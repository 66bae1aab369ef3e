package com.wagateway.whatsapp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.media.TestCertificate;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our client WebSocket against a server that writes raw frames: what RFC 6455 asks of a client. */
@Timeout(60)
class WebSocketConnectionTest {

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
    void upgradesWithOriginMasksItsFramesAndReadsFragmentsPingsAndCloses() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            Recorder events = new Recorder();
            WebSocketChannel channel = open(server, events);
            RawWebSocketServer.Peer peer = server.nextPeer();
            assertThat(peer.requestLine).isEqualTo("GET /ws/chat HTTP/1.1");
            assertThat(peer.origin).isEqualTo(NoiseWebSocketClient.ORIGIN);
            assertThat(events.next()).isEqualTo("open");

            channel.sendBinary(new byte[] {1, 2, 3}).get(5, TimeUnit.SECONDS);
            byte[] big = new byte[70_000]; // 64-bit length
            big[69_999] = 9;
            channel.sendBinary(big).get(5, TimeUnit.SECONDS);
            RawWebSocketServer.ClientFrame small = peer.nextFrame();
            assertThat(small.opcode()).isEqualTo(0x2);
            assertThat(small.payload()).containsExactly(1, 2, 3);
            assertThat(peer.nextFrame().payload()).isEqualTo(big);
            assertThat(peer.received.poll(100, TimeUnit.MILLISECONDS)).as("every frame was masked").isNull();

            peer.sendFrame(0x2, false, "hel".getBytes(StandardCharsets.UTF_8));
            peer.sendFrame(0x9, true, new byte[] {7}); // a ping between fragments
            peer.sendFrame(0x0, true, "lo".getBytes(StandardCharsets.UTF_8));
            RawWebSocketServer.ClientFrame pong = peer.nextFrame();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.payload()).containsExactly(7);
            assertThat(events.bytes(5)).isEqualTo("hello");

            channel.sendClose(1000, "").get(5, TimeUnit.SECONDS);
            assertThat(peer.nextFrame().opcode()).isEqualTo(0x8);
            assertThat(channel.sendBinary(new byte[] {1})).failsWithin(Duration.ofSeconds(1));
            peer.sendClose(1000);
            assertThat(events.next()).isEqualTo("close 1000");
            assertThat(events.poll()).isNull();
        }
    }

    @Test
    void aServerCloseIsAnsweredAndReported() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            Recorder events = new Recorder();
            open(server, events);
            RawWebSocketServer.Peer peer = server.nextPeer();
            peer.sendRaw(RawWebSocketServer.Peer.header(0x8, true, 6, false),
                    new byte[] {0x0F, (byte) 0xA0}, "bye!".getBytes(StandardCharsets.UTF_8)); // 4000 "bye!"
            assertThat(events.next()).isEqualTo("open");
            assertThat(events.next()).isEqualTo("close 4000 bye!");
            RawWebSocketServer.ClientFrame answer = peer.nextFrame();
            assertThat(answer.opcode()).isEqualTo(0x8);
            assertThat(answer.payload()).containsExactly(0x0F, 0xA0);
            assertThat(peer.socket.getInputStream().read()).as("the client closed TCP after its answer").isEqualTo(-1);
        }
    }

    @Test
    void protocolViolationsFailTheConnection() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            byte[][] violations = {
                RawWebSocketServer.Peer.header(0x2, true, 0, true), // masked by the server
                RawWebSocketServer.Peer.header(0x1, true, 0, false), // text
                RawWebSocketServer.Peer.header(0x0, true, 0, false), // continuation outside a message
                {(byte) 0xC2, 0}, // reserved bit
                RawWebSocketServer.Peer.header(0x9, false, 0, false), // fragmented ping
            };
            for (byte[] violation : violations) {
                Recorder events = new Recorder();
                open(server, events);
                RawWebSocketServer.Peer peer = server.nextPeer();
                peer.sendRaw(violation);
                assertThat(events.next()).isEqualTo("open");
                assertThat(events.next()).startsWith("error " + ProtocolException.class.getName());
                assertThat(events.poll()).isNull();
            }
        }
    }

    @Test
    void aRefusedUpgradeCarriesTheStatus() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            server.refuseWith(503);
            Recorder events = new Recorder();
            assertThatThrownBy(() -> WebSocketConnection.opener(http)
                    .open(server.uri(), NoiseWebSocketClient.ORIGIN, Duration.ofSeconds(5), events)
                    .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
            assertThat(events.poll()).isNull();
        }
    }

    @Test
    void abortEndsWithoutAnEvent() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            Recorder events = new Recorder();
            WebSocketChannel channel = open(server, events);
            RawWebSocketServer.Peer peer = server.nextPeer();
            assertThat(events.next()).isEqualTo("open");
            channel.abort();
            assertThat(peer.socket.getInputStream().read()).isEqualTo(-1);
            assertThat(events.poll()).isNull();
        }
    }

    @Test
    void wssVerifiesTheServerCertificateAndItsNameThenCarriesFramesAndNoticesTheDrop() throws Exception {
        TestCertificate certificate = TestCertificate.create("wss test host"); // for 127.0.0.1 and localhost
        try (RawWebSocketServer server = new RawWebSocketServer(certificate.serverContext(),
                InetAddress.getByName("127.0.0.1"))) {
            try (HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.clientContext()).build()) {
                Recorder events = new Recorder();
                WebSocketChannel channel = WebSocketConnection.opener(trusting)
                        .open(server.uri("localhost"), NoiseWebSocketClient.ORIGIN, Duration.ofSeconds(5), events)
                        .get(10, TimeUnit.SECONDS);
                RawWebSocketServer.Peer peer = server.nextPeer();
                assertThat(events.next()).isEqualTo("open");
                channel.sendBinary(new byte[] {4, 5, 6}).get(5, TimeUnit.SECONDS);
                assertThat(peer.nextFrame().payload()).containsExactly(4, 5, 6);
                peer.sendBinary("over tls".getBytes(StandardCharsets.UTF_8));
                assertThat(events.bytes(8)).isEqualTo("over tls");
                peer.drop();
                assertThat(events.next()).startsWith("close 1006");
            }
            // the JDK's default trust does not know the test certificate
            assertThatThrownBy(() -> WebSocketConnection.opener(http)
                    .open(server.uri("localhost"), NoiseWebSocketClient.ORIGIN, Duration.ofSeconds(5), new Recorder())
                    .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
        // a trusted certificate for another name: 127.0.0.2 is loopback too, but not in the certificate
        try (RawWebSocketServer other = new RawWebSocketServer(certificate.serverContext(),
                InetAddress.getByName("127.0.0.2"));
             HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.clientContext()).build()) {
            assertThatThrownBy(() -> WebSocketConnection.opener(trusting)
                    .open(other.uri("127.0.0.2"), NoiseWebSocketClient.ORIGIN, Duration.ofSeconds(5), new Recorder())
                    .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                    .hasStackTraceContaining("127.0.0.2");
        }
    }

    private static WebSocketChannel open(RawWebSocketServer server, Recorder events) throws Exception {
        return WebSocketConnection.opener(http)
                .open(server.uri(), NoiseWebSocketClient.ORIGIN, Duration.ofSeconds(5), events)
                .get(10, TimeUnit.SECONDS);
    }

    private static final class Recorder implements WebSocketChannel.Events {
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocketChannel channel) {
            events.add("open");
        }

        @Override
        public void onBinary(ByteBuffer bytes) {
            synchronized (data) {
                while (bytes.hasRemaining()) {
                    data.write(bytes.get());
                }
                data.notifyAll();
            }
        }

        @Override
        public void onClose(int statusCode, String reason) {
            events.add(("close " + statusCode + " " + reason).trim());
        }

        @Override
        public void onError(Throwable error) {
            events.add("error " + error);
        }

        String next() throws InterruptedException {
            String e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an event within 10 s").isNotNull();
            return e;
        }

        String poll() throws InterruptedException {
            return events.poll(200, TimeUnit.MILLISECONDS);
        }

        String bytes(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            synchronized (data) {
                while (data.size() < count && System.nanoTime() < deadline) {
                    data.wait(100);
                }
                return data.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
