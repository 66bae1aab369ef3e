package com.wagateway.worker.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.SessionCommand;
import com.wagateway.worker.engine.AppliedCommands;
import com.wagateway.worker.engine.EngineObserver;
import com.wagateway.worker.engine.RecordingConnector;
import com.wagateway.worker.engine.SessionEngine;
import com.wagateway.worker.engine.SessionSnapshotSource;
import com.wagateway.worker.events.EventPublisher.OutboundDetails;
import com.wagateway.worker.events.EventPublisher;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.FreshTopics;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.message.MessageStatusLookup;
import com.wagateway.worker.store.SessionStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statuses stay forward-only across an engine restart: the new engine's memory is empty, so it asks the history
 * (projected from the same topic into H2) and a late {@code delivered} for a message the history has as
 * {@code read} publishes nothing. Real publisher, broker, projector and database.
 */
class StatusesAcrossRestartTest {

    private static final AvroCodec<MessageEvent> EVENTS = AvroCodec.of(MessageEvent.class);

    private final RecordingConnector connector = new RecordingConnector();
    private final List<AutoCloseable> open = new ArrayList<>();
    private TopicNames topics;
    private KafkaClients clients;
    private EventPublisher publisher;
    private MessageHistoryProjector history;

    @BeforeEach
    void setUp() throws Exception {
        FreshTopics fresh = FreshTopics.create("restart");
        topics = fresh.names();
        clients = fresh.clients();
        publisher = new EventPublisher(clients, topics, Clock.systemUTC());
        open.add(publisher);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(new HistoryProperties(null, null, null, Path.of(SharedKafka.tempDir("restart-history")),
                null).effectiveUrl());
        config.setUsername("sa");
        config.setMaximumPoolSize(3);
        HikariDataSource db = new HikariDataSource(config);
        open.add(db);
        HistorySchema.create(db);
        history = new MessageHistoryProjector(clients, topics.messageEvents(),
                new JdbcHistoryStore(db, topics.messageEvents(), Clock.systemUTC()));
        history.start();
        open.add(history::stop);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void afterARestartALateDeliveredForAMessageTheHistoryHasAsReadPublishesNothing() throws Exception {
        // before the restart: the message was sent and read
        SessionEngine first = engine(history);
        run(first, new CreateSession("c1", "s-r", Instant.now(), "u", "n"), 0);
        publisher.messageStatus("s-r", "3EB0READ00000000000001", "cmd-send", MessageStatus.SENT, null, Instant.now(),
                new OutboundDetails("62811@s.whatsapp.net", "6289876543210@s.whatsapp.net", "text", "hi"));
        connector.listeners().getLast().messageStatus("3EB0READ00000000000001", MessageStatus.READ, null);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                history.latestStatus("s-r", "3EB0READ00000000000001").orElse(null) == MessageStatus.READ);
        first.close();

        // restarted: nothing in memory
        SessionEngine second = engine(history);
        run(second, new CreateSession("c2", "s-r", Instant.now(), "u", "n"), 1);
        connector.listeners().getLast().messageStatus("3EB0READ00000000000001", MessageStatus.DELIVERED, null);
        // a message the history does not know is published as it comes (and marks the end of what to read)
        connector.listeners().getLast().messageStatus("3EB0UNKNOWN00000000001", MessageStatus.DELIVERED, null);

        List<String> statuses = statusesUntil("3EB0UNKNOWN00000000001");
        assertThat(statuses).containsExactly("3EB0READ00000000000001 sent", "3EB0READ00000000000001 read",
                "3EB0UNKNOWN00000000001 delivered");
        second.close();
    }

    private SessionEngine engine(MessageStatusLookup lookup) {
        SessionSnapshotSource nothingYet = id -> new SessionSnapshotSource.Loaded(null, AppliedCommands.NONE);
        return new SessionEngine(connector, mock(SessionStore.class), publisher, nothingYet, 5, Clock.systemUTC(),
                EngineObserver.NONE, 100, lookup);
    }

    private static void run(SessionEngine engine, SessionCommand command, long offset) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        engine.submit(command, new SessionEngine.Position(0, offset, null, null), done::countDown);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    }

    /** "messageId status" of every status event, read until {@code lastId}'s appears. */
    private List<String> statusesUntil(String lastId) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer("restart-check", new ByteArrayDeserializer(),
                Map.of())) {
            TopicPartition tp = new TopicPartition(topics.messageEvents(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && seen.stream().noneMatch(s -> s.startsWith(lastId))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    MessageEvent e = EVENTS.decode(r.value());
                    if (e.getPayload() instanceof MessageStatusChanged s) {
                        seen.add(e.getMessageId() + " " + s.getStatus());
                    }
                }
            }
        }
        return seen;
    }
}
