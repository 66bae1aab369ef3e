package com.wagateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.spy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A read model must outlive what goes wrong while reading: a record its decoder cannot read is logged and skipped,
 * and a failing consumer (here: poll throws, as on a corrupt batch or a refused fetch) is replaced after a backoff,
 * resuming after the last record applied, instead of ending the reader thread for good.
 */
class TopicTailRecoveryTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger tailLog = (Logger) LoggerFactory.getLogger(TopicTail.class);
    private final String topic = "tail-" + UUID.randomUUID().toString().substring(0, 8);
    private KafkaClients clients;
    private Tail tail;

    /** Decodes each value as a number; anything else is a record it cannot read. */
    static final class Tail extends TopicTail {
        final List<Integer> applied = new CopyOnWriteArrayList<>();

        Tail(KafkaClients clients, String topic) {
            super(clients, topic, "tail-test");
        }

        @Override
        protected void apply(ConsumerRecord<String, byte[]> record) {
            applied.add(Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8)));
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        logs.start();
        tailLog.addAppender(logs);
        clients = new KafkaClients(new KafkaEndpoint(SharedKafka.bootstrapServers(), false), "tail-test");
        try (Admin admin = clients.admin("tail-test")) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    @AfterEach
    void tearDown() {
        if (tail != null) {
            tail.stop();
        }
        tailLog.detachAppender(logs);
    }

    @Test
    void aPoisonRecordIsSkippedAndLoggedAndAFailingConsumerIsReplaced() throws Exception {
        produce("1", "not a number", "2");

        // the first consumer works for two polls, then fails; the ones after it work
        KafkaClients failing = spy(clients);
        AtomicInteger consumersMade = new AtomicInteger();
        doAnswer(inv -> {
            KafkaConsumer<String, byte[]> real = (KafkaConsumer<String, byte[]>) inv.callRealMethod();
            if (consumersMade.incrementAndGet() > 1) {
                return real;
            }
            KafkaConsumer<String, byte[]> first = spy(real);
            doCallRealMethod().doCallRealMethod()
                    .doThrow(new KafkaException("injected: corrupt batch"))
                    .when(first).poll(any(Duration.class));
            return first;
        }).when(failing).consumer(anyString(), any(), anyMap());

        tail = new Tail(failing, topic);
        tail.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> consumersMade.get() >= 2);
        produce("3");

        await().atMost(Duration.ofSeconds(20)).until(() -> tail.applied.contains(3));
        assertThat(tail.applied).as("each readable record once, the poison one skipped").containsExactly(1, 2, 3);
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("could not apply record").contains("topic=" + topic)
                    .contains("offset=1");
        });
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("reader failed").contains("topic=" + topic);
        });
        // the read-your-writes barrier still works on the replacement consumer
        produce("4");
        tail.catchUp().get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(tail.applied).containsExactly(1, 2, 3, 4);
    }

    private void produce(String... values) throws Exception {
        try (KafkaProducer<String, byte[]> p = clients.producer("tail-test", new ByteArraySerializer(), Map.of())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, "k", v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }
}
