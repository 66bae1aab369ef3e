package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.emulator.Emulator;
import com.wagateway.emulator.EmulatorConfig;
import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.SendMessageCommand;
import com.wagateway.worker.engine.EmulatorAdmin.Answer;
import com.wagateway.worker.engine.RestCalls.Reply;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.media.fetch.Dialer;
import com.wagateway.worker.media.fetch.LoopbackOnlyDialer;
import com.wagateway.worker.relay.BackendStub;
import com.wagateway.worker.session.SessionStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One emulator, one Backend stub and one whole worker (its real connector) for a messaging test class. The outside
 * world is real too: the emulator's virtual phones are driven over its admin API, the Backend is an HTTP server the
 * webhook relay calls. Sessions are paired by a new virtual phone scanning their QR.
 */
final class MessagingHarness implements AutoCloseable {

    static final String MESSAGE_STATUS_PATH = "/api/v1/webhooks/message-status";
    static final String MESSAGE_PATH = "/api/v1/webhooks/message";

    private static final AtomicLong NUMBERS = new AtomicLong(6282200000000L + (System.nanoTime() % 1_000_000) * 100);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Emulator emulator;
    final EmulatorAdmin admin;
    final BackendStub backend = new BackendStub();
    final Map<String, String> settings;
    /** Every connection the worker's media fetcher opens goes through this; only loopback is allowed. */
    final LoopbackOnlyDialer dialer = new LoopbackOnlyDialer();
    private final Map<Class<?>, Object> beans;
    RunningWorker worker;

    /** A session paired to its own account ({@code number}); {@code deviceJid} is the worker's linked device. */
    record Linked(String sessionId, String number, String deviceJid) {
        String jid() {
            return number + "@s.whatsapp.net";
        }
    }

    /** @param extra settings of this test class, e.g. a short {@code worker.whatsapp.send-ack-timeout} */
    MessagingHarness(String name, Map<String, String> extra) {
        this(name, extra, Map.of());
    }

    /**
     * @param beans test beans for the worker (seams), see {@link RunningWorker#start(Map, Map)}; a
     *              {@link LoopbackOnlyDialer} is always added as the media fetcher's {@link Dialer}, so the worker can
     *              never dial outside loopback, and {@link #close} fails the test if it ever asked to
     */
    MessagingHarness(String name, Map<String, String> extra, Map<Class<?>, Object> beans) {
        emulator = Emulator.start(EmulatorConfig.defaults(Path.of(SharedKafka.tempDir("wa-emulator"))).withPort(0));
        admin = new EmulatorAdmin(emulator.adminUrl());
        settings = RunningWorker.settingsFor(emulator, name, 4);
        settings.put("worker.backend-url", backend.url());
        settings.put("worker.backend-link.heartbeat-interval", "1h");
        settings.put("worker.relay.backoff-initial", "50ms");
        settings.put("worker.relay.backoff-max", "400ms");
        settings.putAll(extra);
        Map<Class<?>, Object> seams = new java.util.HashMap<>(beans);
        seams.putIfAbsent(Dialer.class, dialer);
        this.beans = Map.copyOf(seams);
        worker = RunningWorker.start(settings, this.beans);
    }

    /** Stops the worker and starts it again on the same data folders, topics and consumer groups. */
    void restartWorker() {
        worker.close();
        worker = RunningWorker.start(settings, beans);
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        emulator.close();
        backend.close();
        assertThat(dialer.violations()).as("media fetches outside loopback").isEmpty();
    }

    // ---- the outside world: phones ----

    /** A new virtual phone; answers its number. */
    String newPhone() {
        String number = Long.toString(NUMBERS.incrementAndGet());
        Answer phone = admin.createPhone(number);
        assertThat(phone.status()).as(phone.body().toString()).isEqualTo(201);
        return number;
    }

    String lidOf(String number) {
        return admin.phone(number).text("lid");
    }

    /** The phone sends a text; answers its message id. */
    String phoneSends(String number, String to, String text) {
        Answer sent = admin.phoneSends(number, to, text);
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);
        return sent.text("id");
    }

    /** Waits until the phone has decrypted a message matching {@code wanted}; answers it. */
    JsonNode awaitOnPhone(String number, Predicate<JsonNode> wanted) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (JsonNode m : admin.phoneMessages(number).body().path("messages")) {
                if (wanted.test(m)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    JsonNode awaitOnPhone(String number, String messageId) {
        return awaitOnPhone(number, m -> messageId.equals(m.path("id").asString()));
    }

    // ---- the worker ----

    /** Creates the session over REST, lets a new virtual phone scan its QR, waits for connected. */
    Linked pair(String sessionId) {
        Reply created = worker.rest.createSession(sessionId);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> worker.directory()
                .find(sessionId).map(v -> v.status() == SessionStatus.QR_REQUIRED && v.qrString() != null)
                .orElse(false));
        String number = newPhone();
        Answer linked = admin.linkQr(number, worker.directory().find(sessionId).orElseThrow().qrString());
        assertThat(linked.status()).as(linked.body().toString()).isEqualTo(200);
        awaitConnected(sessionId);
        return new Linked(sessionId, number, linked.text("deviceJid"));
    }

    void awaitConnected(String sessionId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> worker.directory()
                .find(sessionId).map(v -> v.status() == SessionStatus.CONNECTED).orElse(false));
    }

    /** {@code POST /api/session/{id}/send} of a text; answers the envelope's {@code data}. */
    JsonNode send(String sessionId, String to, String text) {
        Reply r = worker.rest.post("/api/session/" + sessionId + "/send",
                JSON.createObjectNode().put("to", to).put("type", "text").put("message", text).toString());
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    /** A REST send the server acknowledged; answers the message id. */
    String sendAcked(String sessionId, String to, String text) {
        JsonNode body = send(sessionId, to, text);
        assertThat(body.path("data").path("status").asString()).as(body.toString()).isEqualTo("sent");
        return body.path("data").path("messageId").asString();
    }

    /**
     * Send commands produced straight to {@code wa.commands} as another service does (docs/kafka-commands.md), in
     * this order, keyed by the session; {@code messages} are (message id, text) pairs to {@code to}.
     */
    void produceSends(String sessionId, String to, List<Map.Entry<String, String>> messages) {
        produceCommands(sessionId, messages.stream().map(m -> SendMessageCommand.newBuilder().setMessageId(m.getKey())
                .setTo(to).setType("text").setText(m.getValue()).build()).toList());
    }

    /** Send commands (any type) produced straight to {@code wa.commands} in this order, keyed by the session. */
    void produceCommands(String sessionId, List<SendMessageCommand> sends) {
        try (KafkaProducer<String, byte[]> producer = worker.clients().producer("other-service",
                new ByteArraySerializer(), Map.of())) {
            for (SendMessageCommand send : sends) {
                CommandEnvelope command = CommandEnvelope.newBuilder().setCommandId(UUID.randomUUID().toString())
                        .setSessionId(sessionId).setWorkerId("other-service").setIssuedAt(Instant.now())
                        .setNotAfter(Instant.now().plusSeconds(120)).setPayload(send).build();
                producer.send(new ProducerRecord<>(worker.topics().commands(), sessionId,
                        CommandEnvelope.getEncoder().encode(command).array()));
            }
            producer.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A fresh message id in WhatsApp's format ({@code 3EB0} + 18 hex). */
    static String newMessageId() {
        return "3EB0" + java.util.HexFormat.of().withUpperCase().formatHex(
                java.nio.ByteBuffer.allocate(9).putLong(1, java.util.concurrent.ThreadLocalRandom.current().nextLong())
                        .put(0, (byte) java.util.concurrent.ThreadLocalRandom.current().nextInt()).array());
    }

    /** The session's events on {@code wa.message-events} (from the beginning) once {@code enough} holds. */
    List<MessageEvent> messageEvents(String sessionId, Predicate<List<MessageEvent>> enough, Duration atMost) {
        return EventsProbe.messageEvents(worker.clients(), worker.topics().messageEvents(), sessionId, enough, atMost);
    }

    MessageEvent awaitEvent(String sessionId, Predicate<MessageEvent> wanted) {
        List<MessageEvent> events = messageEvents(sessionId, seen -> seen.stream().anyMatch(wanted),
                Duration.ofSeconds(30));
        return events.stream().filter(wanted).findFirst()
                .orElseThrow(() -> new AssertionError("no such event of " + sessionId + " in " + events));
    }

    static List<String> statusesOf(List<MessageEvent> events, String messageId) {
        return events.stream().filter(e -> e.getMessageId().equals(messageId)
                        && e.getPayload() instanceof MessageStatusChanged)
                .map(e -> ((MessageStatusChanged) e.getPayload()).getStatus()).toList();
    }

    /** Waits until the history lists the message with that status; answers the entry. */
    JsonNode awaitHistory(String sessionId, String messageId, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode m : worker.rest.get("/api/session/" + sessionId + "/messages?limit=200").body()
                    .path("data").path("messages")) {
                if (m.path("id").asString().equals(messageId) && m.path("status").asString().equals(status)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    // ---- the Backend ----

    /** Bodies of the webhook calls on {@code path} about this message, in the order they came. */
    List<JsonNode> webhooks(String path, String messageId) {
        List<JsonNode> out = new ArrayList<>();
        for (BackendStub.Request r : backend.requests(path)) {
            JsonNode body = JSON.readTree(r.body());
            if (messageId.equals(body.path("messageId").asString())) {
                out.add(body);
            }
        }
        return out;
    }

    List<String> webhookStatuses(String messageId) {
        return webhooks(MESSAGE_STATUS_PATH, messageId).stream().map(b -> b.path("status").asString()).toList();
    }

    /** Waits until the Backend heard exactly these statuses of the message, in this order. */
    void awaitWebhookStatuses(String messageId, String... statuses) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(webhookStatuses(messageId)).containsExactly(statuses));
    }

    BackendStub.Request awaitWebhookCall(String path, String messageId) {
        BackendStub.Request[] found = new BackendStub.Request[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (BackendStub.Request r : backend.requests(path)) {
                if (messageId.equals(JSON.readTree(r.body()).path("messageId").asString())) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** {@code wa_messages_undecryptable_total} as Prometheus scrapes it from the worker. */
    double undecryptableScraped() {
        try {
            int port = Integer.parseInt(worker.bean(org.springframework.core.env.Environment.class)
                    .getProperty("local.server.port"));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/actuator/prometheus")).header("Authorization", "Bearer " + RunningWorker.TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body().lines().filter(l -> l.startsWith("wa_messages_undecryptable_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
