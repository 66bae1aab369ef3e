package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.whatsapp.client.DeliveryStatus;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.MessageStatusUpdate;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.connector.WhatsAppConnector;
import com.wagateway.worker.kafka.AvroSerde;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole worker with the main code's connector classes ({@link ClientConnection}, {@link ListenerBridge}); only
 * the {@code WhatsAppClient} is a stand-in ({@link BridgedConnector}). What the client reports (acks, nacks, no ack,
 * receipts, inbound and undecryptable messages) must come out as the right message events, webhook-ready, and in
 * the history; statuses only move forward; a send waiting for its ack never holds up the session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"worker.auth-token=" + ConnectorWiringE2ETest.TOKEN, "worker.id=wiring-worker",
                "worker.send-timeout=5s"})
@Import(ConnectorWiringE2ETest.Bridged.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConnectorWiringE2ETest {

    static final String TOKEN = "wiring-token-0123456789";
    static final Duration ACK_TIMEOUT = Duration.ofMillis(1500);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration(proxyBeanMethods = false)
    static class Bridged {
        @Bean
        @Primary
        BridgedConnector bridgedConnector(MeterRegistry meters) {
            return new BridgedConnector(ACK_TIMEOUT, UndecryptableCounter.of(meters));
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        SharedKafka.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    BridgedConnector whatsapp;

    @Autowired
    WhatsAppConnector connector;

    @Autowired
    SessionDirectory directory;

    @Autowired
    KafkaClients clients;

    @Autowired
    TopicNames topics;

    @Autowired
    MeterRegistry meters;

    @Test
    void theConnectorUnderTestIsTheBridgedOne() {
        assertThat(connector).isSameAs(whatsapp);
    }

    @Test
    void theServerAckIsSentAndReceiptsMoveItForwardOnly() throws Exception {
        connected("wire-ack");
        JsonNode sent = send("wire-ack", "6289876543210", "hello there");
        assertThat(sent.path("data").path("status").asString()).isEqualTo("sent");
        assertThat(sent.path("data").path("timestamp").asString()).isEqualTo("2026-01-02T03:04:05Z");
        String id = sent.path("data").path("messageId").asString();
        assertThat(whatsapp.sentTexts).containsEntry(id, "6289876543210@s.whatsapp.net hello there");

        Jid chat = Jid.parse("6289876543210@s.whatsapp.net");
        ListenerBridge client = whatsapp.bridge("wire-ack");
        client.messageStatus(new MessageStatusUpdate(id, chat, chat, DeliveryStatus.DELIVERED, null, Instant.now()));
        client.messageStatus(new MessageStatusUpdate(id, chat, chat, DeliveryStatus.READ, null, Instant.now()));
        client.messageStatus(new MessageStatusUpdate(id, chat, chat, DeliveryStatus.DELIVERED, null, Instant.now()));
        client.messageStatus(new MessageStatusUpdate(id, chat, chat, DeliveryStatus.PLAYED, null, Instant.now()));
        client.messageStatus(new MessageStatusUpdate(id, chat, chat, DeliveryStatus.FAILED, "late", Instant.now()));
        // a marker after them: once it is there, everything before it was handled
        client.messageReceived(new IncomingMessage("3EB0MARKER000000000001", chat, chat, null,
                Jid.parse("6281234567890@s.whatsapp.net"), "text", "marker", Instant.now(), null, false));

        List<MessageEvent> events = messageEvents("wire-ack", seen -> seen.stream()
                .anyMatch(e -> e.getMessageId().equals("3EB0MARKER000000000001")));
        List<MessageEvent> ofMessage = events.stream().filter(e -> e.getMessageId().equals(id)).toList();
        assertThat(ofMessage).extracting(e -> ((MessageStatusChanged) e.getPayload()).getStatus())
                .containsExactly("sent", "delivered", "read");
        MessageStatusChanged first = (MessageStatusChanged) ofMessage.getFirst().getPayload();
        assertThat(first.getTo()).isEqualTo("6289876543210@s.whatsapp.net");
        assertThat(first.getContent()).isEqualTo("hello there");
        assertThat(first.getFrom()).isEqualTo("6281234567890@s.whatsapp.net");
        assertThat(ofMessage.getFirst().getCommandId()).isNotBlank();

        JsonNode entry = awaitHistoryEntry("wire-ack", id, "read");
        assertThat(entry.path("direction").asString()).isEqualTo("outbound");
        assertThat(entry.path("content").asString()).isEqualTo("hello there");
    }

    @Test
    void aNackFailsTheMessageWithTheServersReason() throws Exception {
        connected("wire-nack");
        JsonNode failed = send("wire-nack", "6289876543210", "nack: 479 rejected by server");
        assertThat(failed.path("success").asBoolean()).isFalse();
        assertThat(failed.path("data").path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").asString()).isEqualTo("send failed: nack: 479 rejected by server");
        String id = failed.path("data").path("messageId").asString();
        JsonNode entry = awaitHistoryEntry("wire-nack", id, "failed");
        assertThat(entry.path("error").asString()).isEqualTo("send failed: nack: 479 rejected by server");
    }

    /**
     * The first send is never acknowledged: it fails after the ack timeout; the second, sent right after it, is
     * acknowledged before that, because the session did not wait. A receipt arriving after the failure proves the
     * message arrived after all and is published.
     */
    @Test
    void noAckWithinTheTimeoutFailsWithoutHoldingUpTheSession() throws Exception {
        connected("wire-slow");
        Thread first = Thread.ofVirtual().start(() -> send("wire-slow", "6289876543210", "silent please"));
        await().atMost(Duration.ofSeconds(10)).until(() -> whatsapp.sentTexts.values().stream()
                .anyMatch(t -> t.endsWith("silent please")));
        long start = System.nanoTime();
        JsonNode second = send("wire-slow", "6289876543211", "quick one");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(second.path("data").path("status").asString()).isEqualTo("sent");
        assertThat(took).as("not queued behind the unacknowledged send").isLessThan(ACK_TIMEOUT);
        first.join(Duration.ofSeconds(15));

        List<MessageEvent> events = messageEvents("wire-slow", seen -> seen.stream()
                .filter(e -> e.getPayload() instanceof MessageStatusChanged).count() >= 2);
        MessageEvent slow = events.stream()
                .filter(e -> "silent please".equals(((MessageStatusChanged) e.getPayload()).getContent()))
                .findFirst().orElseThrow();
        MessageStatusChanged failed = (MessageStatusChanged) slow.getPayload();
        assertThat(failed.getStatus()).isEqualTo("failed");
        assertThat(failed.getError()).isEqualTo("no ack from WhatsApp within 1s");

        Jid chat = Jid.parse("6289876543210@s.whatsapp.net");
        whatsapp.bridge("wire-slow").messageStatus(new MessageStatusUpdate(slow.getMessageId(), chat, chat,
                DeliveryStatus.DELIVERED, null, Instant.now()));
        awaitHistoryEntry("wire-slow", slow.getMessageId(), "delivered");
    }

    @Test
    void aReceivedMessageCarriesChatLidAndPushNameIntoEventAndHistory() throws Exception {
        connected("wire-in");
        Instant at = Instant.parse("2026-03-04T05:06:07Z");
        whatsapp.bridge("wire-in").messageReceived(new IncomingMessage("3EB0INCOMING0000000001",
                Jid.parse("120363012345678901@g.us"), Jid.parse("6289876543210:2@s.whatsapp.net"),
                Jid.parse("99887766554433:2@lid"), Jid.parse("6281234567890@s.whatsapp.net"), "text", "hi group",
                at, "Budi", false));
        MessageEvent e = messageEvents("wire-in", seen -> !seen.isEmpty()).getFirst();
        MessageReceived r = (MessageReceived) e.getPayload();
        assertThat(e.getMessageId()).isEqualTo("3EB0INCOMING0000000001");
        assertThat(r.getFrom()).isEqualTo("6289876543210@s.whatsapp.net");
        assertThat(r.getFromLid()).isEqualTo("99887766554433@lid");
        assertThat(r.getChat()).isEqualTo("120363012345678901@g.us");
        assertThat(r.getTo()).isEqualTo("6281234567890@s.whatsapp.net");
        assertThat(r.getPushName()).isEqualTo("Budi");
        assertThat(r.getContent()).isEqualTo("hi group");
        assertThat(r.getSentAt()).isEqualTo(at);
        assertThat(r.getFromMe()).isFalse();

        JsonNode entry = awaitHistoryEntry("wire-in", "3EB0INCOMING0000000001", "delivered");
        assertThat(entry.path("direction").asString()).isEqualTo("inbound");
        assertThat(entry.path("chat").asString()).isEqualTo("120363012345678901@g.us");
        assertThat(entry.path("fromLid").asString()).isEqualTo("99887766554433@lid");
        assertThat(entry.path("pushName").asString()).isEqualTo("Budi");
        assertThat(entry.path("timestamp").asString()).isEqualTo("2026-03-04T05:06:07Z");
    }

    @Test
    void anUndecryptableMessageIsCountedAndTheSessionGoesOn() throws Exception {
        connected("wire-bad");
        double before = undecryptable();
        whatsapp.bridge("wire-bad").messageUndecryptable("3EB0BROKEN000000000001",
                Jid.parse("6289876543210:2@s.whatsapp.net"), "bad mac");
        assertThat(undecryptable()).isEqualTo(before + 1);
        JsonNode sent = send("wire-bad", "6289876543210", "still here");
        assertThat(sent.path("data").path("status").asString()).isEqualTo("sent");
        assertThat(directory.find("wire-bad").orElseThrow().status()).isEqualTo(SessionStatus.CONNECTED);
    }

    // ---- helpers ----

    private double undecryptable() {
        var c = meters.find("wa.messages.undecryptable").counter();
        return c == null ? 0 : c.count();
    }

    private void connected(String sessionId) throws Exception {
        HttpResponse<String> created = call("POST", "/api/session/create",
                "{\"sessionId\":\"" + sessionId + "\",\"userId\":\"u\",\"sessionName\":\"n\"}");
        assertThat(created.statusCode()).isBetween(200, 201);
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find(sessionId).isPresent());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            whatsapp.bridge(sessionId);
            return true;
        });
        whatsapp.bridge(sessionId).connected(Jid.parse("6281234567890:3@s.whatsapp.net"),
                Jid.parse("11122233344455:3@lid"));
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find(sessionId)
                .map(v -> v.status() == SessionStatus.CONNECTED).orElse(false));
    }

    private JsonNode send(String sessionId, String to, String text) {
        try {
            HttpResponse<String> r = call("POST", "/api/session/" + sessionId + "/send",
                    "{\"to\":\"" + to + "\",\"type\":\"text\",\"message\":\"" + text + "\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitHistoryEntry(String sessionId, String messageId, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode page = JSON.readTree(call("GET", "/api/session/" + sessionId + "/messages?limit=200", null).body());
            for (JsonNode m : page.path("data").path("messages")) {
                if (m.path("id").asString().equals(messageId) && m.path("status").asString().equals(status)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<MessageEvent> messageEvents(String sessionId, Predicate<List<MessageEvent>> enough) {
        List<MessageEvent> seen = new ArrayList<>();
        try (KafkaConsumer<String, MessageEvent> c = clients.consumer("probe",
                AvroSerde.deserializer(MessageEvent.class), Map.of())) {
            List<TopicPartition> parts = c.partitionsFor(topics.messageEvents()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !enough.test(seen)) {
                for (ConsumerRecord<String, MessageEvent> r : c.poll(Duration.ofMillis(200))) {
                    if (sessionId.equals(r.key())) {
                        seen.add(r.value());
                    }
                }
            }
        }
        return seen;
    }
}
