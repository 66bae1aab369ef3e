package com.wagateway.worker.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.KafkaEndpoint;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.message.MessagePage;
import com.wagateway.worker.message.MessageRecord;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history projector on the real broker and an H2 file database: it resumes exactly where its last transaction
 * ended (offsets stored with the rows), rebuilds an empty store from the topic, keeps statuses forward-only, and
 * applies each event once even when two projectors share one database.
 */
class MessageHistoryProjectorTest {

    private static final AvroCodec<MessageEvent> EVENTS = AvroCodec.of(MessageEvent.class);

    private final String topic = "history-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> open = new ArrayList<>();
    private KafkaClients clients;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void setUp() throws Exception {
        clients = new KafkaClients(new KafkaEndpoint(SharedKafka.bootstrapServers(), false), "history-test");
        try (Admin admin = clients.admin("history-test")) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        producer = clients.producer("history-test", new ByteArraySerializer(), Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        producer.close();
    }

    @Test
    void aRestartResumesAtTheStoredOffsetsAndDoesNotReplay() throws Exception {
        Path dir = Path.of(SharedKafka.tempDir("history-restart"));
        for (int i = 0; i < 5; i++) {
            publish(received("s-restart", "IN" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        HikariDataSource db1 = database(dir);
        MessageHistoryProjector first = projector(db1);
        await().atMost(Duration.ofSeconds(20)).until(() -> first.page("s-restart", 50, 0).total() == 5);
        first.stop();
        // proof of no replay: a row removed behind the projector's back stays removed after the restart
        execute(db1, "DELETE FROM wa_message_history WHERE message_id = 'IN0'");
        db1.close();

        publish(received("s-restart", "IN5", Instant.parse("2026-01-01T00:00:05Z")));
        HikariDataSource db2 = database(dir);
        MessageHistoryProjector second = projector(db2);
        await().atMost(Duration.ofSeconds(20)).until(() -> second.page("s-restart", 50, 0).total() == 5);
        MessagePage page = second.page("s-restart", 50, 0);
        assertThat(page.messages()).extracting(MessageRecord::id).containsExactly("IN5", "IN4", "IN3", "IN2", "IN1");
        assertThat(storedOffsetsTotal(db2)).isEqualTo(6);
    }

    @Test
    void anEmptyStoreIsRebuiltFromTheTopic() throws Exception {
        for (int i = 0; i < 4; i++) {
            publish(received("s-rebuild", "R" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        publish(status("s-rebuild", "OUT1", "sent", "6289@s.whatsapp.net", "hello"));
        publish(status("s-rebuild", "OUT1", "read", null, null));
        HikariDataSource fresh = database(Path.of(SharedKafka.tempDir("history-fresh")));
        MessageHistoryProjector projector = projector(fresh);
        await().atMost(Duration.ofSeconds(20)).until(() -> projector.page("s-rebuild", 50, 0).total() == 5);
        MessageRecord out = projector.page("s-rebuild", 50, 0).messages().stream()
                .filter(m -> m.id().equals("OUT1")).findFirst().orElseThrow();
        assertThat(out.status()).isEqualTo("read");
        assertThat(out.content()).isEqualTo("hello");
        assertThat(out.direction()).isEqualTo("outbound");
    }

    @Test
    void statusesOnlyMoveForward() throws Exception {
        HikariDataSource db = database(Path.of(SharedKafka.tempDir("history-forward")));
        MessageHistoryProjector projector = projector(db);
        // read, then a late delivered and a failed: read stays
        publish(status("s-fwd", "A", "sent", "62811@s.whatsapp.net", "a"));
        publish(status("s-fwd", "A", "read", null, null));
        publish(status("s-fwd", "A", "delivered", null, null));
        publish(status("s-fwd", "A", "failed", null, null));
        // failed replaces sent, keeps its reason; a later sent does not undo it
        publish(status("s-fwd", "B", "sent", "62811@s.whatsapp.net", "b"));
        publish(failed("s-fwd", "B", "no ack from WhatsApp within 20s"));
        publish(status("s-fwd", "B", "sent", null, null));
        // a receipt before the details (another order on replay): the details fill in later
        publish(status("s-fwd", "C", "delivered", null, null));
        publish(status("s-fwd", "C", "sent", "62812@s.whatsapp.net", "c"));
        publish(received("s-fwd", "Z", Instant.now())); // marker
        await().atMost(Duration.ofSeconds(20)).until(() -> projector.page("s-fwd", 50, 0).total() == 4);
        Map<String, MessageRecord> byId = new java.util.HashMap<>();
        projector.page("s-fwd", 50, 0).messages().forEach(m -> byId.put(m.id(), m));
        assertThat(byId.get("A").status()).isEqualTo("read");
        assertThat(byId.get("B").status()).isEqualTo("failed");
        assertThat(byId.get("B").error()).isEqualTo("no ack from WhatsApp within 20s");
        assertThat(byId.get("C").status()).isEqualTo("delivered");
        assertThat(byId.get("C").content()).isEqualTo("c");
        assertThat(byId.get("C").to()).isEqualTo("62812@s.whatsapp.net");
    }

    @Test
    void twoProjectorsSharingOneDatabaseApplyEachEventOnce() throws Exception {
        Path dir = Path.of(SharedKafka.tempDir("history-shared"));
        HikariDataSource a = database(dir);
        HikariDataSource b = database(dir); // the same H2 database, as two workers on one PostgreSQL
        MessageHistoryProjector pa = projector(a);
        MessageHistoryProjector pb = projector(b);
        for (int i = 0; i < 200; i++) {
            publish(received("s-shared-" + (i % 7), "M" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOffsetsTotal(a) == 200);
        long total = 0;
        for (int s = 0; s < 7; s++) {
            total += pa.page("s-shared-" + s, 200, 0).total();
            assertThat(pb.page("s-shared-" + s, 200, 0).total()).isEqualTo(pa.page("s-shared-" + s, 200, 0).total());
        }
        assertThat(total).isEqualTo(200);
    }

    @Test
    void pagesAreNewestFirstWithTotalAndHasMore() throws Exception {
        HikariDataSource db = database(Path.of(SharedKafka.tempDir("history-pages")));
        MessageHistoryProjector projector = projector(db);
        for (int i = 0; i < 7; i++) {
            publish(received("s-page", "P" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> projector.page("s-page", 50, 0).total() == 7);
        MessagePage first = projector.page("s-page", 3, 0);
        assertThat(first.messages()).extracting(MessageRecord::id).containsExactly("P6", "P5", "P4");
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.hasMore()).isTrue();
        MessagePage last = projector.page("s-page", 3, 6);
        assertThat(last.messages()).extracting(MessageRecord::id).containsExactly("P0");
        assertThat(last.hasMore()).isFalse();
        MessagePage exact = projector.page("s-page", 3, 4);
        assertThat(exact.messages()).extracting(MessageRecord::id).containsExactly("P2", "P1", "P0");
        assertThat(exact.hasMore()).isFalse();
        MessagePage beyond = projector.page("s-page", 3, 7);
        assertThat(beyond.messages()).isEmpty();
        assertThat(beyond.total()).isEqualTo(7);
        assertThat(projector.page("nobody", 3, 0).total()).isZero();
    }

    /**
     * One event the database cannot store (an id beyond the bound, a value too long for its column) is logged,
     * counted and skipped; the events after it on the same partition are stored, nothing stalls.
     */
    @Test
    void anEventThatCannotBeStoredIsSkippedAndCountedNotBlockingThePartition() throws Exception {
        HikariDataSource db = database(Path.of(SharedKafka.tempDir("history-skip")));
        JdbcHistoryStore store = new JdbcHistoryStore(db, topic, Clock.systemUTC());
        MessageHistoryProjector projector = new MessageHistoryProjector(clients, topic, store);
        projector.start();
        open.add(projector::stop);
        publish(received("s-skip", "3EB0" + "L".repeat(300), Instant.parse("2026-01-01T00:00:00Z")));
        publish(event("s-skip", "3EB0LONGTYPE", MessageReceived.newBuilder().setFrom("6289@s.whatsapp.net")
                .setTo("62811@s.whatsapp.net").setType("t".repeat(100)).setContent("x")
                .setSentAt(Instant.parse("2026-01-01T00:00:01Z")).build()));
        publish(received("s-skip", "3EB0GOOD", Instant.parse("2026-01-01T00:00:02Z")));

        await().atMost(Duration.ofSeconds(20)).until(() -> projector.page("s-skip", 50, 0).total() == 1);
        assertThat(projector.page("s-skip", 50, 0).messages()).extracting(MessageRecord::id)
                .containsExactly("3EB0GOOD");
        assertThat(store.skipped()).isEqualTo(2);
        assertThat(storedOffsetsTotal(db)).as("the partition moved past the skipped events").isEqualTo(3);
    }

    // ---- helpers ----

    private HikariDataSource database(Path dir) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(new HistoryProperties(null, null, null, dir, null).effectiveUrl());
        config.setUsername("sa");
        config.setMaximumPoolSize(3);
        HikariDataSource ds = new HikariDataSource(config);
        HistorySchema.create(ds);
        open.add(ds);
        return ds;
    }

    private MessageHistoryProjector projector(HikariDataSource ds) {
        MessageHistoryProjector p = new MessageHistoryProjector(clients, topic,
                new JdbcHistoryStore(ds, topic, Clock.systemUTC()));
        p.start();
        open.add(p::stop);
        return p;
    }

    private void publish(MessageEvent e) throws Exception {
        producer.send(new ProducerRecord<>(topic, e.getSessionId(), EVENTS.encode(e))).get();
    }

    private static MessageEvent received(String sessionId, String id, Instant at) {
        return event(sessionId, id, MessageReceived.newBuilder().setFrom("6289@s.whatsapp.net")
                .setTo("62811@s.whatsapp.net").setType("text").setContent("text " + id).setSentAt(at).build());
    }

    private static MessageEvent status(String sessionId, String id, String status, String to, String content) {
        MessageStatusChanged.Builder b = MessageStatusChanged.newBuilder().setStatus(status);
        if (to != null) {
            b.setTo(to).setFrom("62811@s.whatsapp.net").setType("text").setContent(content);
        }
        return event(sessionId, id, b.build());
    }

    private static MessageEvent failed(String sessionId, String id, String error) {
        return event(sessionId, id, MessageStatusChanged.newBuilder().setStatus("failed").setError(error).build());
    }

    private static MessageEvent event(String sessionId, String id, Object payload) {
        return MessageEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setSessionId(sessionId)
                .setWorkerId("other-worker").setOccurredAt(Instant.now()).setMessageId(id).setPayload(payload).build();
    }

    private static void execute(HikariDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.executeUpdate();
        }
    }

    private long storedOffsetsTotal(HikariDataSource db) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT COALESCE(SUM(next_offset), 0) FROM wa_message_history_offsets WHERE topic = ?")) {
            st.setString(1, topic);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
