package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each way a connection ends, end to end against the scripted server, and what the client does next. */
@Timeout(30)
class ConnectionEndsTest {

    private static Node streamError(String code, Node child) {
        Attributes attrs = code == null ? Attributes.empty() : Attributes.of("code", code);
        return child == null ? Node.of("stream:error", attrs) : Node.of("stream:error", attrs, List.of(child));
    }

    @Test
    void aDroppedSocketReconnectsWithBackoffAndConnectsAgainWithoutQr() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.last().drop();
            RecordingListener.Reconnecting r = h.listener.next(RecordingListener.Reconnecting.class, 5);
            assertThat(r.reason().action()).isEqualTo(CloseAction.RECONNECT);
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.delay()).isBetween(Duration.ofMillis(40), Duration.ofMillis(50));
            h.listener.next(RecordingListener.Connected.class, 5);
            assertThat(h.server.logins.get()).isEqualTo(2);
            assertThat(h.server.registrations.get()).isEqualTo(1);
            // the attempt counter restarts once connected
            h.server.last().drop();
            assertThat(h.listener.next(RecordingListener.Reconnecting.class, 5).attempt()).isEqualTo(1);
            h.listener.next(RecordingListener.Connected.class, 5);
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastReason() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.refuseConnections = true;
            h.server.last().drop();
            for (int attempt = 1; attempt <= 3; attempt++) {
                RecordingListener.Reconnecting r = h.listener.next(RecordingListener.Reconnecting.class, 5);
                assertThat(r.attempt()).isEqualTo(attempt);
                assertThat(r.reason().action()).isEqualTo(CloseAction.RECONNECT);
            }
            RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
            assertThat(closed.reason().action()).isEqualTo(CloseAction.RECONNECT);
            assertThat(closed.reason().description()).startsWith("gave up after 3 attempts: ");
            assertThat(h.store.entries).containsKey("creds"); // a transient failure keeps the pairing
        }
    }

    @Test
    void restartRequiredFollowedBySocketCloseIsOneRestartNotADrop() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            ScriptedServer.Conn conn = h.server.last();
            conn.send(streamError("515", null));
            conn.ws.close(); // queued after the stream error: the client reads 515 first, then the close
            RecordingListener.Event next = h.listener.events.poll(5, TimeUnit.SECONDS);
            assertThat(next).isInstanceOf(RecordingListener.Connected.class);
            assertThat(h.server.logins.get()).isEqualTo(2);
        }
    }

    @Test
    void a401RightAfterThePairingRestartIsRetriedAndKeepsThePairing() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            AtomicInteger loginAttempts = new AtomicInteger();
            h.server.onLogin = conn -> {
                if (loginAttempts.incrementAndGet() == 1) {
                    conn.send(Node.of("failure", Attributes.of("reason", "401")));
                } else {
                    conn.send(Node.of("success", Attributes.of("lid", "9876543210:3@lid")));
                }
            };
            h.server.onNode = (conn, n) -> {
                if (n.child("pair-device-sign") != null) {
                    conn.send(streamError("515", null));
                } else {
                    ScriptedServer.answerDefault(conn, n);
                }
            };
            h.start();
            var qr = com.wagateway.whatsapp.pairing.PairingQr.parse(h.listener.next(RecordingListener.Qr.class, 5)
                    .text());
            h.server.last().send(h.phone.pairSuccess("ps", qr.identityKey(), qr.advSecret(), 3, 1, false,
                    TestPhone.Tamper.NONE));
            RecordingListener.Reconnecting r = h.listener.next(RecordingListener.Reconnecting.class, 5);
            assertThat(r.reason().code()).isEqualTo(401);
            assertThat(r.reason().action()).isEqualTo(CloseAction.RECONNECT);
            h.listener.next(RecordingListener.Connected.class, 5);
            assertThat(h.storedCreds().me()).isEqualTo(Jid.parse("15551234567:3@s.whatsapp.net"));
        }
    }

    @Test
    void a401LoginFailureLaterIsALogoutAndWipesTheCredentials() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.client.close();
            h.listener.next(RecordingListener.Closed.class, 5);
            h.server.onLogin = conn -> conn.send(Node.of("failure", Attributes.of("reason", "401")));
            h.start();
            RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
            assertThat(closed.reason().action()).isEqualTo(CloseAction.LOGGED_OUT);
            assertThat(closed.reason().code()).isEqualTo(401);
            assertThat(h.store.entries).doesNotContainKeys("creds", "prekeys");
        }
    }

    @Test
    void deviceRemovedLogsOutAndWipesTheCredentials() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.last().send(streamError("401", Node.of("conflict", Attributes.of("type", "device_removed"))));
            RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
            assertThat(closed.reason().action()).isEqualTo(CloseAction.LOGGED_OUT);
            assertThat(h.store.entries).isEmpty();
            assertThat(h.listener.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void replacedStopsWithoutReconnecting() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.last().send(streamError(null, Node.of("conflict", Attributes.of("type", "replaced"))));
            RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
            assertThat(closed.reason().action()).isEqualTo(CloseAction.REPLACED);
            assertThat(closed.reason().code()).isEqualTo(440);
            Thread.sleep(300);
            assertThat(h.server.logins.get()).isEqualTo(1);
            assertThat(h.store.entries).containsKey("creds");
        }
    }

    @Test
    void clientOutdatedRetriesSlowlyForeverAndKeepsCredentials() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.client.close();
            h.listener.next(RecordingListener.Closed.class, 5);
            h.server.onLogin = conn -> conn.send(Node.of("failure", Attributes.of("reason", "405")));
            h.start();
            for (int attempt = 1; attempt <= 5; attempt++) { // past maxAttempts (3): no give-up
                RecordingListener.Reconnecting r = h.listener.next(RecordingListener.Reconnecting.class, 5);
                assertThat(r.reason().action()).isEqualTo(CloseAction.CLIENT_OUTDATED);
                assertThat(r.attempt()).isEqualTo(attempt);
                assertThat(r.delay()).isEqualTo(Duration.ofMillis(100));
            }
            assertThat(h.store.entries).containsKey("creds");
            assertThat(h.server.registrations.get()).isEqualTo(1);
        }
    }

    @Test
    void bannedIsFatal() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.last().send(Node.of("failure", Attributes.of("reason", "403")));
            RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
            assertThat(closed.reason().action()).isEqualTo(CloseAction.FATAL);
            assertThat(closed.reason().code()).isEqualTo(403);
        }
    }

    @Test
    void aChainFromAnotherRootIsFatalAndSaysTheCertificateDidNotVerify() throws Exception {
        ScriptedServer server = new ScriptedServer(new FixedRandom("server"),
                Curve25519.generateKeyPair(new FixedRandom("impostor")));
        try (ClientHarness h = new ClientHarness(server)) {
            h.start();
            RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
            assertThat(closed.reason().action()).isEqualTo(CloseAction.FATAL);
            assertThat(closed.reason().description()).contains("server certificate did not verify");
        }
    }

    @Test
    void streamEndGarbageUndecodableAndOversizedFramesReconnect() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.last().send(Node.of("xmlstreamend"));
            assertReconnectsWith(h, 428);
            h.server.last().sendRawBytes(new byte[] {0, 0, 5, 1, 2, 3, 4, 5}); // not an AES-GCM frame
            assertReconnectsWith(h, 428);
            h.server.last().sendPlaintext(new byte[] {0, (byte) 0xf8, 9}); // decrypts, but is no node
            assertReconnectsWith(h, 500);
            h.server.last().sendPlaintext(new byte[(1 << 20) + 10]); // over maxFrameLength
            assertReconnectsWith(h, 428);
            h.server.last().send(Node.of("stream:error", Attributes.of("code", "503")));
            assertReconnectsWith(h, 503);
        }
    }

    private static void assertReconnectsWith(ClientHarness h, int code) throws InterruptedException {
        RecordingListener.Reconnecting r = h.listener.next(RecordingListener.Reconnecting.class, 5);
        assertThat(r.reason().action()).as(r.reason().description()).isEqualTo(CloseAction.RECONNECT);
        assertThat(r.reason().code()).as(r.reason().description()).isEqualTo(code);
        h.listener.next(RecordingListener.Connected.class, 5);
    }

    @Test
    void aSilentPeerIsDetectedByTheKeepAlive() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.config = new ClientConfig(h.server.uri(), h.server.trustRoot(), AppVersion.DEFAULT, Browser.DEFAULT,
                    null, Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(5),
                    Duration.ofSeconds(3), 30, ClientHarness.reconnect(3), 1 << 20);
            h.pairByQr();
            Node ping = h.server.awaitReceived(n -> ScriptedServer.isIq(n, "w:p"), 3);
            assertThat(ping.attr("type")).isEqualTo("get");
            assertThat(ping.attr("to")).isEqualTo("@s.whatsapp.net");
            assertThat(ping.child("ping")).isNotNull();
            h.server.onNode = (conn, n) -> { }; // answers nothing from now on
            long silentFrom = System.nanoTime();
            RecordingListener.Reconnecting r = h.listener.next(RecordingListener.Reconnecting.class, 9);
            long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentFrom);
            assertThat(r.reason().code()).isEqualTo(408);
            assertThat(r.reason().description()).contains("connection was lost");
            assertThat(detectedMs).isBetween(5000L, 8000L);
            h.server.onNode = ScriptedServer::answerDefault;
            h.listener.next(RecordingListener.Connected.class, 5);
        }
    }

    @Test
    void aUrlTheWebSocketRefusesFailsLikeAnyConnectAndGivesUp() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.config = ClientHarness.fastConfig(h.server, ClientHarness.reconnect(1))
                    .withServer(java.net.URI.create("http://127.0.0.1:" + h.server.getPort() + "/ws/chat"),
                            h.server.trustRoot());
            h.start();
            assertThat(h.listener.next(RecordingListener.Reconnecting.class, 5).reason().description())
                    .startsWith("could not connect");
            assertThat(h.listener.next(RecordingListener.Closed.class, 5).reason().description())
                    .startsWith("gave up after 1 attempts");
        }
    }
}
