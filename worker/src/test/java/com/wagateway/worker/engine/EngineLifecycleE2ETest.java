package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionStatusChanged;
import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.connector.ConnectionListener;
import java.time.Instant;
import java.util.List;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.session.SessionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.wagateway.worker.engine.RestCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The whole path over real HTTP: REST → {@code wa.commands} → engine → connector double → events/state → read
 * models → REST. Also the responsibility matrix: what logout, disconnect and delete do to WhatsApp and to files.
 */
class EngineLifecycleE2ETest extends E2ESupport {

    @Autowired
    WorkerProperties worker;

    @Test
    void createdSessionGoesThroughQrToConnectedAndIsVisibleOverRest() {
        Reply created = createSession("life-1");
        assertThat(created.status()).as("create is accepted (2xx)").isBetween(200, 201);
        assertThat(created.body().path("success").asBoolean()).isTrue();
        assertThat(created.data("status")).isEqualTo("initializing");

        Reply qr = awaitHttpStatus("life-1", SessionStatus.QR_REQUIRED);
        assertThat(qr.data("qrString")).isEqualTo("2@test-qr-life-1");
        assertThat(qr.data("qrCode")).startsWith("data:image/png;base64,");

        whatsapp.scan("life-1", "+6281234567890");
        Reply connected = awaitHttpStatus("life-1", SessionStatus.CONNECTED);
        assertThat(connected.data("phoneNumber")).isEqualTo("+6281234567890");
        assertThat(connected.data("qrCode")).isNull();
        assertThat(whatsapp.calls("life-1")).containsExactly("connect");

        // every transition was published to wa.session-events, in order, with what it came from
        List<SessionEvent> events = EventsProbe.sessionEvents(clients, topics.sessionEvents(), "life-1",
                seen -> statuses(seen).contains("connected"));
        assertThat(statuses(events)).containsExactly("initializing", "qr_required", "connected");
        assertThat(events).extracting(e -> ((SessionStatusChanged) e.getPayload()).getPreviousStatus())
                .containsExactly(null, "initializing", "qr_required");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getWorkerId()).isEqualTo("e2e-worker");
            assertThat(e.getSessionId()).isEqualTo("life-1");
            assertThat(e.getEventId()).isNotBlank();
            assertThat(e.getOccurredAt()).isNotNull();
        });
        assertThat(events).extracting(SessionEvent::getEventId).doesNotHaveDuplicates();
        assertThat(events.get(0).getCommandId()).as("the create's command id").isNotBlank();
        SessionStatusChanged qrEvent = (SessionStatusChanged) events.get(1).getPayload();
        assertThat(qrEvent.getQrString()).isEqualTo("2@test-qr-life-1");
        assertThat(((SessionStatusChanged) events.get(2).getPayload()).getPhoneNumber()).isEqualTo("+6281234567890");
    }

    @Test
    void anInboundMessageIsPublishedAndShowsInTheHistory() {
        connect("life-in");
        Instant sentAt = Instant.parse("2024-01-15T10:30:00Z");
        whatsapp.receive("life-in", new ConnectionListener.InboundMessage("3EB0INBOUND0000000000001",
                "6289876543210@s.whatsapp.net", "6281234567890@s.whatsapp.net", "text", "hello worker", sentAt));

        List<MessageEvent> events = messageEvents("life-in", seen -> !seen.isEmpty());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getMessageId()).isEqualTo("3EB0INBOUND0000000000001");
            assertThat(e.getWorkerId()).isEqualTo("e2e-worker");
            assertThat(e.getEventId()).isNotBlank();
            MessageReceived received = (MessageReceived) e.getPayload();
            assertThat(received.getFrom()).isEqualTo("6289876543210@s.whatsapp.net");
            assertThat(received.getContent()).isEqualTo("hello worker");
            assertThat(received.getType()).isEqualTo("text");
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                get("/api/session/life-in/messages").body().path("data").path("messages").size() == 1);
        JsonNode m = get("/api/session/life-in/messages").body().path("data").path("messages").get(0);
        assertThat(m.path("id").asString()).isEqualTo("3EB0INBOUND0000000000001");
        assertThat(m.path("direction").asString()).isEqualTo("inbound");
        assertThat(m.path("from").asString()).isEqualTo("6289876543210@s.whatsapp.net");
        assertThat(m.path("content").asString()).isEqualTo("hello worker");
    }

    @Test
    void whatsAppLoggingTheDeviceOutEndsLoggedOutAndDeletesCredentials() {
        connect("life-lo");
        whatsapp.loggedOut("life-lo", "device removed on the phone");
        var view = awaitStatus("life-lo", SessionStatus.LOGGED_OUT);
        assertThat(view.error()).isEqualTo("device removed on the phone");
        assertThat(credentials("life-lo")).doesNotExist();
        assertThat(whatsapp.calls("life-lo")).containsExactly("connect");
        List<SessionEvent> events = EventsProbe.sessionEvents(clients, topics.sessionEvents(), "life-lo",
                seen -> statuses(seen).contains("logged_out"));
        SessionEvent last = events.getLast();
        assertThat(((SessionStatusChanged) last.getPayload()).getStatus()).isEqualTo("logged_out");
        assertThat(((SessionStatusChanged) last.getPayload()).getPreviousStatus()).isEqualTo("connected");
        assertThat(last.getCommandId()).as("caused by WhatsApp, not by a command").isNull();
    }

    @Test
    void aFailedConnectionEndsInErrorKeepsCredentialsAndCanBeRestarted() {
        connect("life-err");
        whatsapp.fail("life-err", "connection failure 401");
        var view = awaitStatus("life-err", SessionStatus.ERROR);
        assertThat(view.error()).isEqualTo("connection failure 401");
        assertThat(credentials("life-err")).exists();
        List<SessionEvent> events = EventsProbe.sessionEvents(clients, topics.sessionEvents(), "life-err",
                seen -> statuses(seen).contains("error"));
        SessionStatusChanged last = (SessionStatusChanged) events.getLast().getPayload();
        assertThat(last.getStatus()).isEqualTo("error");
        assertThat(last.getPreviousStatus()).isEqualTo("connected");
        assertThat(last.getError()).isEqualTo("connection failure 401");

        assertThat(post("/api/session/life-err/restart", null).status()).isEqualTo(200);
        awaitHttpStatus("life-err", SessionStatus.QR_REQUIRED);
        assertThat(whatsapp.calls("life-err")).containsExactly("connect", "connect");
    }

    @Test
    void sendAnswersTheEngineOutcomeAndHistoryShowsItNewestFirst() {
        connect("life-send");
        Reply first = post("/api/session/life-send/send", "{\"to\":\"6289876543210\",\"type\":\"text\",\"message\":\"first\"}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data("status")).isEqualTo("sent");
        String firstId = first.data("messageId");
        Reply second = post("/api/session/life-send/send", "{\"to\":\"999000111\",\"type\":\"text\",\"message\":\"second\"}");
        assertThat(second.status()).as("every send outcome is a 200 with the spec's body").isEqualTo(200);
        assertThat(second.body().path("success").asBoolean()).isFalse();
        assertThat(second.body().path("error").asString()).isEqualTo("recipient not on WhatsApp");
        assertThat(second.data("status")).isEqualTo("failed");
        assertThat(second.data("timestamp")).isNotNull();
        assertThat(second.data("error")).isEqualTo("recipient not on WhatsApp");
        assertThat(whatsapp.calls("life-send")).containsExactly("connect", "send:" + firstId, "send:" + second.data("messageId"));

        whatsapp.messageStatus("life-send", firstId, MessageStatus.DELIVERED);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode messages = get("/api/session/life-send/messages?limit=10&offset=0").body().path("data").path("messages");
            return messages.size() == 2 && "delivered".equals(messages.get(1).path("status").asString());
        });
        JsonNode data = get("/api/session/life-send/messages?limit=1&offset=0").body().path("data");
        assertThat(data.path("total").asLong()).isEqualTo(2);
        assertThat(data.path("hasMore").asBoolean()).isTrue();
        JsonNode newest = data.path("messages").get(0);
        assertThat(newest.path("id").asString()).isEqualTo(second.data("messageId"));
        assertThat(newest.path("direction").asString()).isEqualTo("outbound");
        assertThat(newest.path("to").asString()).isEqualTo("999000111@s.whatsapp.net");
        assertThat(newest.path("content").asString()).isEqualTo("second");
        assertThat(newest.path("status").asString()).isEqualTo("failed");
    }

    @Test
    void disconnectClosesTheConnectionAndKeepsCredentials() {
        connect("life-disc");
        Reply r = post("/api/session/life-disc/disconnect", null);
        assertThat(r.status()).isEqualTo(200);
        awaitHttpStatus("life-disc", SessionStatus.DISCONNECTED);
        assertThat(whatsapp.calls("life-disc")).containsExactly("connect", "disconnect");
        assertThat(credentials("life-disc")).exists();

        Reply restarted = post("/api/session/life-disc/restart", null);
        assertThat(restarted.status()).isEqualTo(200);
        awaitHttpStatus("life-disc", SessionStatus.QR_REQUIRED);
        assertThat(whatsapp.calls("life-disc")).containsExactly("connect", "disconnect", "connect");
    }

    @Test
    void logoutLogsOutAtWhatsAppAndDeletesCredentialsButKeepsTheSession() {
        connect("life-out");
        assertThat(credentials("life-out")).exists();
        Reply r = post("/api/session/life-out/logout", null);
        assertThat(r.status()).isEqualTo(200);
        Reply status = awaitHttpStatus("life-out", SessionStatus.LOGGED_OUT);
        assertThat(status.data("phoneNumber")).isNull();
        assertThat(whatsapp.calls("life-out")).containsExactly("connect", "logout");
        assertThat(credentials("life-out")).doesNotExist();
    }

    @Test
    void logoutWithoutAConnectionStillAsksWhatsAppToRemoveTheDeviceAndReportsAFailure() {
        connect("life-out-off");
        assertThat(post("/api/session/life-out-off/disconnect", null).status()).isEqualTo(200);
        awaitHttpStatus("life-out-off", SessionStatus.DISCONNECTED);
        whatsapp.failStoredLogouts("login to log out not answered by WhatsApp within 20s");
        try {
            assertThat(post("/api/session/life-out-off/logout", null).status()).isEqualTo(200);
            Reply status = awaitHttpStatus("life-out-off", SessionStatus.LOGGED_OUT);
            assertThat(status.data("error"))
                    .isEqualTo("whatsapp logout failed: login to log out not answered by WhatsApp within 20s");
        } finally {
            whatsapp.failStoredLogouts(null);
        }
        assertThat(whatsapp.calls("life-out-off")).containsExactly("connect", "disconnect", "logout-stored");
        assertThat(credentials("life-out-off")).as("deleted locally all the same").doesNotExist();

        // without credentials (already logged out) there is no device to remove: WhatsApp is not asked again
        assertThat(post("/api/session/life-out-off/logout", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/session/life-out-off/status").data("error") == null);
        assertThat(whatsapp.count("life-out-off", "logout-stored")).isEqualTo(1);
    }

    @Test
    void deleteClosesRemovesAllFilesAndTheSessionAnswers404() throws Exception {
        connect("life-del");
        Path media = worker.mediaStoragePath().resolve("life-del");
        Files.createDirectories(media);
        Files.writeString(media.resolve("photo.jpg"), "x");

        Reply r = delete("/api/session/life-del");
        assertThat(r.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/session/life-del/status").status() == 404);
        assertThat(whatsapp.calls("life-del")).containsExactly("connect", "disconnect");
        assertThat(credentials("life-del")).doesNotExist();
        assertThat(media).doesNotExist();
    }

    @Test
    void aConnectionDroppedByWhatsAppIsReportedDisconnected() {
        connect("life-drop");
        whatsapp.drop("life-drop", "stream error 515");
        var view = awaitStatus("life-drop", SessionStatus.DISCONNECTED);
        assertThat(view.error()).isEqualTo("stream error 515");
        assertThat(credentials("life-drop")).exists();
    }

    @Test
    void aConnectorThatThrowsLeavesTheSessionInErrorWithTheReason() {
        whatsapp.failConnects("tls handshake failed");
        try {
            assertThat(createSession("life-fail").status()).isBetween(200, 201);
            Reply failed = awaitHttpStatus("life-fail", SessionStatus.ERROR);
            assertThat(failed.data("error")).isEqualTo("tls handshake failed");
        } finally {
            whatsapp.failConnects(null);
        }
        assertThat(post("/api/session/life-fail/restart", null).status()).isEqualTo(200);
        awaitHttpStatus("life-fail", SessionStatus.QR_REQUIRED);
        assertThat(whatsapp.calls("life-fail")).containsExactly("connect", "connect");
    }

    @Test
    void aDropTheClientRecoversFromShowsDisconnectedAndKeepsTheConnection() {
        connect("life-rec");
        whatsapp.reconnecting("life-rec", "connection lost");
        whatsapp.reconnecting("life-rec", "connection refused"); // the next attempt: one event per drop
        var view = awaitStatus("life-rec", SessionStatus.DISCONNECTED);
        assertThat(view.error()).isEqualTo("connection lost");
        assertThat(view.phoneNumber()).as("still the same account").isNotNull();
        assertThat(credentials("life-rec")).exists();

        whatsapp.scan("life-rec", view.phoneNumber()); // the client is back by itself
        awaitHttpStatus("life-rec", SessionStatus.CONNECTED);
        assertThat(whatsapp.calls("life-rec")).as("the engine neither closed nor reopened it").containsExactly("connect");
        List<SessionEvent> events = EventsProbe.sessionEvents(clients, topics.sessionEvents(), "life-rec",
                seen -> statuses(seen).size() >= 5);
        assertThat(statuses(events)).containsExactly("initializing", "qr_required", "connected", "disconnected",
                "connected");

        // a disconnect while it retries closes it for good
        whatsapp.reconnecting("life-rec", "connection lost");
        awaitStatus("life-rec", SessionStatus.DISCONNECTED);
        assertThat(post("/api/session/life-rec/disconnect", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> whatsapp.calls("life-rec").contains("disconnect"));
    }

    @Test
    void aServerRefusingTheClientVersionShowsErrorKeepsCredentialsAndRecovers() {
        connect("life-old");
        whatsapp.refused("life-old", "client version refused by the server (405 outdated)");
        var view = awaitStatus("life-old", SessionStatus.ERROR);
        assertThat(view.error()).isEqualTo("client version refused by the server (405 outdated)");
        assertThat(credentials("life-old")).exists();
        whatsapp.scan("life-old", view.phoneNumber());
        awaitStatus("life-old", SessionStatus.CONNECTED);
        assertThat(whatsapp.calls("life-old")).containsExactly("connect");
    }

    @Test
    void aPairingCodeTravelsThroughKafkaToTheConnectionAndBack() {
        assertThat(createSession("life-pc").status()).isBetween(200, 201);
        awaitHttpStatus("life-pc", SessionStatus.QR_REQUIRED);
        Reply r = post("/api/session/life-pc/pairing-code", "{\"phoneNumber\":\"6281234567890\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("success").asBoolean()).isTrue();
        assertThat(r.data("pairingCode")).isEqualTo("ABCD-1234");
        assertThat(whatsapp.calls("life-pc")).containsExactly("connect", "pairing-code:6281234567890");
        List<SessionEvent> events = EventsProbe.sessionEvents(clients, topics.sessionEvents(), "life-pc",
                seen -> seen.stream().anyMatch(e -> e.getPayload() instanceof SessionStatusChanged s
                        && s.getPairingCode() != null));
        SessionStatusChanged withCode = (SessionStatusChanged) events.getLast().getPayload();
        assertThat(withCode.getPairingCode()).isEqualTo("ABCD-1234");
        assertThat(withCode.getStatus()).isEqualTo("qr_required");
        assertThat(events.getLast().getCommandId()).isNotBlank();
        assertThat(get("/api/session/life-pc/status").data("status")).isEqualTo("qr_required");

        whatsapp.pairingCodeAnswer("!pairing code request failed: number not on WhatsApp");
        try {
            Reply refused = post("/api/session/life-pc/pairing-code", "{\"phoneNumber\":\"6281234567890\"}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().path("error").asString())
                    .isEqualTo("Pairing code not available for session life-pc: pairing code request failed: "
                            + "number not on WhatsApp");
        } finally {
            whatsapp.pairingCodeAnswer("ABCD-1234");
        }

        whatsapp.scan("life-pc", "+6281234567890");
        awaitHttpStatus("life-pc", SessionStatus.CONNECTED);
        Reply late = post("/api/session/life-pc/pairing-code", "{\"phoneNumber\":\"6281234567890\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().path("error").asString()).contains("status connected");
    }

    private void connect(String sessionId) {
        assertThat(createSession(sessionId).status()).isBetween(200, 201);
        awaitStatus(sessionId, SessionStatus.QR_REQUIRED);
        whatsapp.scan(sessionId, "+62800" + Math.abs(sessionId.hashCode() % 100000));
        awaitStatus(sessionId, SessionStatus.CONNECTED);
    }

    private static List<String> statuses(List<SessionEvent> events) {
        return events.stream().filter(e -> e.getPayload() instanceof SessionStatusChanged)
                .map(e -> ((SessionStatusChanged) e.getPayload()).getStatus()).toList();
    }

    private Path credentials(String sessionId) {
        return worker.sessionStoragePath().resolve(sessionId).resolve("creds.json");
    }
}
