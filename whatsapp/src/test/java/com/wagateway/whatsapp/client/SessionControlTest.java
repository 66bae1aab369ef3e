package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** logout, close, and what the client does with stanzas it did not ask for. */
@Timeout(30)
class SessionControlTest {

    @Test
    void logoutRemovesTheCompanionDeviceThenClosesAndWipes() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.received.clear();
            h.client.logout().get(5, TimeUnit.SECONDS);
            Node remove = h.server.awaitReceived(n -> ScriptedServer.isIq(n, "md"), 2);
            assertThat(remove.attr("type")).isEqualTo("set");
            assertThat(remove.attr("to")).isEqualTo("@s.whatsapp.net");
            Node child = remove.child("remove-companion-device");
            assertThat(child.attr("jid")).isEqualTo("15551234567:3@s.whatsapp.net");
            assertThat(child.attr("reason")).isEqualTo("user_initiated");
            RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
            assertThat(closed.reason().action()).isEqualTo(CloseAction.CLOSED_BY_CLIENT);
            assertThat(h.store.entries).isEmpty();
            assertThat(h.listener.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aRefusedLogoutFailsAndKeepsTheSession() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.onNode = (conn, n) -> {
                if (ScriptedServer.isIq(n, "md")) {
                    conn.send(Node.of("iq", Attributes.of("from", "@s.whatsapp.net", "type", "error", "id",
                            n.attr("id")), List.of(Node.of("error", Attributes.of("code", "500")))));
                } else {
                    ScriptedServer.answerDefault(conn, n);
                }
            };
            assertThatThrownBy(() -> h.client.logout().get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IqException.class);
            assertThat(h.store.entries).containsKey("creds");
            assertThat(h.listener.events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void closeStopsEverythingAndReportsOnce() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.client.close();
            h.client.close();
            assertThat(h.listener.next(RecordingListener.Closed.class, 5).reason().action())
                    .isEqualTo(CloseAction.CLOSED_BY_CLIENT);
            Thread.sleep(400);
            assertThat(h.listener.events).isEmpty();
            assertThat(h.server.logins.get()).isEqualTo(1);
            assertThat(h.store.entries).containsKey("creds");
            assertThatThrownBy(() -> h.client.logout().get(2, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeDuringBackoffCancelsTheRetry() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.config = ClientHarness.fastConfig(h.server, new ReconnectPolicy(java.time.Duration.ofMillis(500),
                    java.time.Duration.ofMillis(500), 2.0, 0.0, 3, java.time.Duration.ofSeconds(1)));
            h.pairByQr();
            h.server.last().ws.close();
            h.listener.next(RecordingListener.Reconnecting.class, 5);
            h.client.close();
            h.listener.next(RecordingListener.Closed.class, 5);
            Thread.sleep(800);
            assertThat(h.server.logins.get()).isEqualTo(1);
        }
    }

    @Test
    void unexpectedStanzasAreAckedAnsweredOrIgnoredWithoutHarm() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.received.clear();
            ScriptedServer.Conn conn = h.server.last();
            conn.send(Node.of("iq", Attributes.of("from", "@s.whatsapp.net", "type", "set", "id", "weird-1",
                    "xmlns", "w:unknown"), List.of(Node.of("whatever"))));
            conn.send(Node.of("totally-unknown-tag", Attributes.of("x", "y")));
            conn.send(Node.of("iq", Attributes.of("from", "s.whatsapp.net", "type", "get", "id", "sp-1",
                    "xmlns", "urn:xmpp:ping")));
            conn.send(Node.of("notification", Attributes.of("from", "@s.whatsapp.net", "type", "server_sync",
                    "id", "n-7")));
            conn.send(Node.of("receipt", Attributes.of("from", "15550001111@s.whatsapp.net", "id", "r-1", "type",
                    "read")));
            conn.send(Node.of("ib", Attributes.empty(), List.of(Node.of("offline_preview", Attributes.of("count",
                    "3")), Node.of("offline", Attributes.of("count", "0")), Node.of("dirty"))));
            Node pong = h.server.awaitReceived(n -> "sp-1".equals(n.attr("id")), 3);
            assertThat(pong.attr("type")).isEqualTo("result");
            Node ack = h.server.awaitReceived(n -> n.tag().equals("ack"), 3);
            assertThat(ack.attrs().asMap()).containsEntry("id", "n-7").containsEntry("class", "notification")
                    .containsEntry("type", "server_sync").containsEntry("to", "@s.whatsapp.net");
            Node receiptAck = h.server.awaitReceived(n -> n.tag().equals("ack"), 3);
            assertThat(receiptAck.attr("class")).isEqualTo("receipt");
            assertThat(receiptAck.attr("to")).isEqualTo("15550001111@s.whatsapp.net");
            Node batch = h.server.awaitReceived(n -> n.tag().equals("ib"), 3);
            assertThat(batch.child("offline_batch").attr("count")).isEqualTo("100");
            assertThat(h.server.received.stream().noneMatch(n -> "weird-1".equals(n.attr("id")))).isTrue();
            // still alive: a ping of ours is answered and nothing ended
            assertThat(h.listener.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aLowPrekeyNotificationUploadsFiveMore() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            int before = h.server.uploadedPreKeys.get();
            h.server.received.clear();
            h.server.last().send(Node.of("notification", Attributes.of("from", "@s.whatsapp.net", "type", "encrypt",
                    "id", "e-1"), List.of(Node.of("count", Attributes.of("value", "2")))));
            Node upload = h.server.awaitReceived(n -> ScriptedServer.isIq(n, "encrypt") && n.child("list") != null,
                    5);
            assertThat(upload.child("list").children()).hasSize(5);
            Thread.sleep(200);
            assertThat(h.server.uploadedPreKeys.get()).isEqualTo(before + 5);
            assertThat(h.storedCreds().nextPreKeyId()).isEqualTo(before + 6);
        }
    }

    @Test
    void credentialsAreStoredBeforeConnectedIsReported() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            AtomicReference<Credentials> atConnected = new AtomicReference<>();
            h.listener.onConnected = () -> {
                try {
                    atConnected.set(h.storedCreds());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            h.pairByQr();
            Credentials stored = atConnected.get();
            assertThat(stored).as("creds entry when connected was reported").isNotNull();
            assertThat(stored.isPaired()).isTrue();
            assertThat(stored.me().user()).isEqualTo("15551234567");
            assertThat(stored.account()).isNotEmpty();
        }
    }

    @Test
    void aThrowingListenerIsContained() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.listener.throwFromCallbacks = true;
            h.pairByQr();
            h.server.last().ws.close();
            h.listener.next(RecordingListener.Reconnecting.class, 5);
            h.listener.next(RecordingListener.Connected.class, 5);
        }
    }

    @Test
    void anUnansweredIqFailsWithATimeoutAndTheSessionStays() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.config = new ClientConfig(h.server.uri(), h.server.trustRoot(), AppVersion.DEFAULT, Browser.DEFAULT,
                    null, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30),
                    java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(400),
                    30, ClientHarness.reconnect(3), 1 << 20);
            h.pairByQr();
            h.server.onNode = (conn, n) -> {
                if (!ScriptedServer.isIq(n, "md")) {
                    ScriptedServer.answerDefault(conn, n);
                }
            };
            assertThatThrownBy(() -> h.client.logout().get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(IqException.class, e -> assertThat(e.code()).isEqualTo(IqException.TIMEOUT));
            assertThat(h.store.entries).containsKey("creds");
        }
    }

    @Test
    void corruptStoredCredentialsAreRefusedAtStart() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.store.entries.put("creds", new byte[] {1, 2, 3});
            assertThatThrownBy(h::start).isInstanceOf(com.wagateway.whatsapp.auth.CredentialsFormatException.class);
            assertThat(h.server.connections).isEmpty();
        }
    }

    @Test
    void stanzaIdsFollowTheReferenceFormat() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            java.util.Set<String> prefixes = new java.util.HashSet<>();
            for (ScriptedServer.Conn conn : h.server.connections) {
                for (Node n : conn.nodes) {
                    if (n.tag().equals("iq") && "get".equals(n.attr("type"))) {
                        assertThat(n.attr("id")).matches("\\d{1,5}\\.\\d{1,5}-\\d+");
                        prefixes.add(n.attr("id").substring(0, n.attr("id").indexOf('-')));
                    }
                }
            }
            assertThat(prefixes).hasSize(1); // only the login connection sent queries
            String first = h.server.connections.getLast().nodes.stream().filter(n -> n.tag().equals("iq"))
                    .findFirst().orElseThrow().attr("id");
            assertThat(first).endsWith("-1");
        }
    }

    @Test
    void edgeRoutingInfoIsStoredAndSentInTheNextIntro() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            byte[] routing = {8, 2, 8, 5};
            h.server.last().send(Node.of("ib", Attributes.empty(), List.of(Node.of("edge_routing",
                    Attributes.empty(), List.of(Node.of("routing_info", Attributes.empty(), routing))))));
            Thread.sleep(200);
            assertThat(h.storedCreds().routingInfo()).isEqualTo(routing);
            assertThat(h.server.last().routingInfo).isNull();
            h.server.last().drop();
            h.listener.next(RecordingListener.Reconnecting.class, 5);
            h.listener.next(RecordingListener.Connected.class, 5);
            assertThat(h.server.last().routingInfo).isEqualTo(routing);
        }
    }

    @Test
    void aPushNameIsAnnouncedInTheLoginPayloadAndAsAvailablePresence() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.config = h.config.withPushName("Gate@way");
            h.pairByQr();
            assertThat(h.server.last().payload.getPushName()).isEqualTo("Gate@way");
            Node presence = h.server.awaitReceived(n -> n.tag().equals("presence"), 3);
            assertThat(presence.attr("name")).isEqualTo("Gateway"); // Baileys strips '@'
            assertThat(presence.attr("type")).isEqualTo("available");
        }
    }
}
