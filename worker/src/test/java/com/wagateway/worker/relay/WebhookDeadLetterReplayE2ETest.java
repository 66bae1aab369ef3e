package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.config.KafkaSettings;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.relay.BackendStub.Request;
import com.wagateway.worker.replay.ReplayCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 400 answer: the event is tried {@code client-error-attempts} (2) times, parked on {@code wa.webhooks.dlt} with the
 * reason and the last answer, and the partition moves on (the session's next event is delivered). Replay, through the
 * admin endpoint and the command line, re-delivers it with its original event id and body.
 */
class WebhookDeadLetterReplayE2ETest extends RelayE2ESupport {

    static final String SESSION = "dlt-session";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    KafkaSettings kafka;

    @Test
    void aRefusedEventIsParkedThenReplayedWithItsEventId() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        BACKEND.respond(r -> r.body().contains("\"seq-1\"") ? 400 : 200);
        String first;
        String bad;
        String after;
        try (TestEvents events = new TestEvents(clients, topics)) {
            first = events.messageStatus(SESSION, 0);
            bad = events.messageStatus(SESSION, 1);
            after = events.messageStatus(SESSION, 2);
            events.flush();
        }

        // the partition moved on: the event after the refused one arrives, after the refused one's two calls
        await().atMost(Duration.ofSeconds(20)).until(() -> answered(after, 200) == 1);
        List<Request> calls = BACKEND.requests("/api/v1/webhooks/message-status");
        assertThat(calls.stream().map(r -> r.header("X-Event-Id")).toList())
                .containsSubsequence(first, bad, bad, after);
        assertThat(answered(bad, 400)).isEqualTo(2);

        ConsumerRecord<String, byte[]> letter = deadLetters(1).getFirst();
        assertThat(letter.key()).isEqualTo(SESSION);
        assertThat(AvroCodec.of(MessageEvent.class).decode(letter.value()).getEventId()).isEqualTo(bad);
        assertThat(header(letter, DeadLetterHeaders.EVENT_ID)).isEqualTo(bad);
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("client_error");
        assertThat(header(letter, DeadLetterHeaders.LAST_STATUS)).isEqualTo("400");
        assertThat(header(letter, DeadLetterHeaders.LAST_BODY)).contains("stub says 400");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.messageEvents());
        assertThat(header(letter, DeadLetterHeaders.KIND)).isEqualTo("message_status");
        String originalBody = calls.stream().filter(r -> bad.equals(r.header("X-Event-Id"))).findFirst().orElseThrow().body();

        // the Backend is fixed; the operator replays the dead letters over the admin endpoint
        BACKEND.respond(r -> 200);
        assertThat(adminReplay("{\"topic\":\"wa.webhooks.dlt\"}", "wrong-token").statusCode()).isEqualTo(401);
        // a JSON null body is the caller's mistake: 400 in the envelope, not a 500
        HttpResponse<String> nullBody = adminReplay("null", TOKEN);
        assertThat(nullBody.statusCode()).isEqualTo(400);
        JsonNode refused = JsonMapper.builder().build().readTree(nullBody.body());
        assertThat(refused.path("success").asBoolean(true)).isFalse();
        assertThat(refused.path("error").asString()).contains("JSON object");
        HttpResponse<String> replayed = adminReplay("{\"topic\":\"wa.webhooks.dlt\"}", TOKEN);
        assertThat(replayed.statusCode()).isEqualTo(200);
        JsonNode data = JsonMapper.builder().build().readTree(replayed.body()).path("data");
        assertThat(data.path("sent").asLong()).isEqualTo(1);
        assertThat(data.path("failed").asLong()).isZero();
        List<Request> redelivered = BACKEND.requests().stream()
                .filter(r -> bad.equals(r.header("X-Event-Id")) && r.answered() == 200).toList();
        assertThat(redelivered).hasSize(1);
        assertThat(redelivered.getFirst().body()).isEqualTo(originalBody);
        assertThat(redelivered.getFirst().header("Authorization")).isEqualTo("Bearer " + TOKEN);

        // the same from the command line: the dead-letter topic, then a time range for the session
        assertThat(cli("--topic", "wa.webhooks.dlt").exit).isZero();
        assertThat(answered(bad, 200)).isEqualTo(2);
        Cli range = cli("--from", before.toString(), "--session", SESSION);
        assertThat(range.exit).isZero();
        assertThat(range.output).contains("sent=3").contains("failed=0");
        assertThat(answered(first, 200)).isEqualTo(2);

        // failures make the command fail
        BACKEND.respond(r -> 400);
        Cli failing = cli("--topic", "wa.webhooks.dlt");
        assertThat(failing.exit).isEqualTo(1);
        assertThat(failing.output).contains("failed=1").contains("failed event " + bad);
        assertThat(cli("--to", "yesterday").exit).isEqualTo(2);
    }

    private long answered(String eventId, int status) {
        return BACKEND.requests().stream()
                .filter(r -> eventId.equals(r.header("X-Event-Id")) && r.answered() == status).count();
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(int expected) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = clients.consumer("dlt-probe", new ByteArrayDeserializer(), Map.of())) {
            List<TopicPartition> parts = c.partitionsFor(topics.deadLetters()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.size() >= expected;
            });
        }
        return seen;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return DeadLetterHeaders.get(r.headers(), name);
    }

    private HttpResponse<String> adminReplay(String json, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/replay"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    record Cli(int exit, String output) {}

    private Cli cli(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = ReplayCommand.run(args, Map.of("worker.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "worker.kafka.topic-prefix", kafka.topicPrefix(), "worker.backend-url", BACKEND.url(),
                        "worker.auth-token", TOKEN, "worker.replay.retry-budget", "1s"),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Cli(exit, buffer.toString(StandardCharsets.UTF_8));
    }
}
