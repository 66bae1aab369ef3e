package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.emulator.Emulator;
import com.wagateway.emulator.EmulatorConfig;
import com.wagateway.worker.connector.ConnectionListener.InboundMessage;
import com.wagateway.worker.engine.RestCalls.Reply;
import com.wagateway.worker.events.EventPublisher;
import com.wagateway.worker.events.EventPublisher.OutboundDetails;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.KafkaEndpoint;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.message.MessageStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The history over REST on a whole worker (its real connector, the emulator in-process): events another worker
 * instance published show up, pages are newest first with {@code total} and {@code hasMore}, {@code limit} is
 * 1..200, and the model survives a restart (no event applied twice) and is rebuilt from the topic into an empty
 * database.
 */
class HistoryWorkerE2ETest {

    private static Emulator emulator;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults(Path.of(SharedKafka.tempDir("wa-emulator"))).withPort(0));
        settings = RunningWorker.settingsFor(emulator, "h", 4);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void historyFromAnotherWorkersEventsPagedSurvivingRestartAndRebuilt() throws Exception {
        List<String> newestFirst = new ArrayList<>();
        try (RunningWorker worker = RunningWorker.start(settings)) {
            assertThat(worker.rest.createSession("hist-1").status()).isBetween(200, 201);
            await().atMost(Duration.ofSeconds(20)).until(() -> worker.directory().find("hist-1").isPresent());

            // another worker instance (its own id and producer) owns the session's partition and publishes
            try (EventPublisher other = new EventPublisher(
                    new KafkaClients(new KafkaEndpoint(SharedKafka.bootstrapServers(), false), "worker-two"),
                    worker.topics(), Clock.systemUTC())) {
                Instant base = Instant.parse("2026-02-01T10:00:00Z");
                for (int i = 0; i < 5; i++) {
                    other.messageReceived("hist-1", new InboundMessage("3EB0IN" + i, "6289876543210@s.whatsapp.net",
                            "6281234567890@s.whatsapp.net", "text", "inbound " + i, base.plusSeconds(i * 10L)));
                }
                OutboundDetails out = new OutboundDetails("6281234567890@s.whatsapp.net",
                        "6289876543210@s.whatsapp.net", "text", "outbound");
                other.messageStatus("hist-1", "3EB0OUT", "cmd-1", MessageStatus.SENT, null, base.plusSeconds(45), out);
                other.messageStatus("hist-1", "3EB0OUT", null, MessageStatus.READ, null, base.plusSeconds(60), null);
                other.messageStatus("hist-1", "3EB0OUT", null, MessageStatus.DELIVERED, null, base.plusSeconds(61), null);
                other.messageStatus("hist-1", "3EB0FAIL", "cmd-2", MessageStatus.FAILED, "session not connected",
                        base.plusSeconds(50), out);
            }
            newestFirst.addAll(List.of("3EB0FAIL", "3EB0OUT", "3EB0IN4", "3EB0IN3", "3EB0IN2", "3EB0IN1", "3EB0IN0"));
            await().atMost(Duration.ofSeconds(20)).until(() -> total(worker) == 7);
            assertPages(worker, newestFirst);
            JsonNode out = messages(worker, 7, 0).get(1);
            assertThat(out.path("status").asString()).as("read, then a late delivered: read stays").isEqualTo("read");
            assertThat(messages(worker, 7, 0).get(0).path("error").asString()).isEqualTo("session not connected");

            for (String bad : List.of("limit=0", "limit=201", "limit=-1", "offset=-1")) {
                Reply r = worker.rest.get("/api/session/hist-1/messages?" + bad);
                assertThat(r.status()).as(bad).isEqualTo(400);
                assertThat(r.body().path("success").asBoolean()).isFalse();
                assertThat(r.body().path("error").asString()).isNotBlank();
            }
            assertThat(worker.rest.get("/api/session/hist-1/messages?limit=200").status()).isEqualTo(200);
        }

        // restarted on the same database: the same history, nothing applied twice
        try (RunningWorker restarted = RunningWorker.start(settings)) {
            assertThat(total(restarted)).isEqualTo(7);
            assertPages(restarted, newestFirst);
        }

        // an empty database (a new HISTORY_DATA_DIR): rebuilt from the topic
        Map<String, String> fresh = new LinkedHashMap<>(settings);
        fresh.put("worker.history.data-dir", SharedKafka.tempDir("wa-h-history-fresh"));
        try (RunningWorker rebuilt = RunningWorker.start(fresh)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> total(rebuilt) == 7);
            assertPages(rebuilt, newestFirst);
            assertThat(messages(rebuilt, 7, 0).get(1).path("status").asString()).isEqualTo("read");
        }
    }

    private static void assertPages(RunningWorker worker, List<String> newestFirst) {
        Reply first = worker.rest.get("/api/session/hist-1/messages?limit=3&offset=0");
        assertThat(first.status()).isEqualTo(200);
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(first.body().path("data").path("total").asLong()).isEqualTo(7);
        assertThat(first.body().path("data").path("hasMore").asBoolean()).isTrue();
        Reply middle = worker.rest.get("/api/session/hist-1/messages?limit=3&offset=3");
        assertThat(ids(middle)).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(middle.body().path("data").path("hasMore").asBoolean()).isTrue();
        Reply last = worker.rest.get("/api/session/hist-1/messages?limit=3&offset=6");
        assertThat(ids(last)).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(last.body().path("data").path("hasMore").asBoolean()).isFalse();
        assertThat(last.body().path("data").path("total").asLong()).isEqualTo(7);
    }

    private static List<String> ids(Reply r) {
        List<String> ids = new ArrayList<>();
        r.body().path("data").path("messages").forEach(m -> ids.add(m.path("id").asString()));
        return ids;
    }

    private static long total(RunningWorker worker) {
        return worker.rest.get("/api/session/hist-1/messages").body().path("data").path("total").asLong();
    }

    private static JsonNode messages(RunningWorker worker, int limit, int offset) {
        return worker.rest.get("/api/session/hist-1/messages?limit=" + limit + "&offset=" + offset)
                .body().path("data").path("messages");
    }
}
