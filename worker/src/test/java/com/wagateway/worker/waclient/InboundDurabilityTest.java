package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.DisconnectSession;
import com.wagateway.worker.engine.AppliedCommands;
import com.wagateway.worker.engine.RecordingConnector;
import com.wagateway.worker.engine.SessionEngine;
import com.wagateway.worker.engine.SessionSnapshotSource;
import com.wagateway.worker.events.EventPublisher;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.FreshTopics;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * The stage {@link ListenerBridge#messageReceived} gives the client (which acks the message to WhatsApp only when
 * it completes) completes only once the {@code message received} event is in Kafka, fails when it could not be
 * published, and a received message is never dropped because the connection it came on was replaced meanwhile.
 * The real engine and {@link EventPublisher} on the embedded broker.
 */
class InboundDurabilityTest {

    private static final AvroCodec<MessageEvent> EVENTS = AvroCodec.of(MessageEvent.class);

    private final RecordingConnector connector = new RecordingConnector();
    private TopicNames topics;
    private KafkaClients clients;
    private EventPublisher publisher;
    private SessionEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        FreshTopics fresh = FreshTopics.create("inbound");
        topics = fresh.names();
        clients = fresh.clients();
        publisher = new EventPublisher(clients, topics, Clock.systemUTC());
        SessionSnapshotSource nothingYet = id -> new SessionSnapshotSource.Loaded(null, AppliedCommands.NONE);
        engine = new SessionEngine(connector, mock(SessionStore.class), publisher, nothingYet, 5, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        engine.close();
        publisher.close();
    }

    @Test
    void aMessageReceivedOnAConnectionClosedMeanwhileIsStillPublishedBeforeTheStageCompletes() throws Exception {
        run(new CreateSession("c1", "s-in", Instant.now(), "u", "n"), 0);
        ListenerBridge bridge = new ListenerBridge("s-in", connector.listeners().getFirst());
        // the engine closes that connection (a restart, a reconnect): its generation is stale from now on
        run(new DisconnectSession("c2", "s-in", Instant.now()), 1);

        CompletionStage<Void> kept = bridge.messageReceived(incoming("3EB0AAAAAAAAAAAAAAAAAA", "hello"));
        kept.toCompletableFuture().get(20, TimeUnit.SECONDS);

        // completed: the event is in the topic already (not published later, not dropped as stale)
        List<MessageEvent> received = receivedEvents();
        assertThat(received).extracting(MessageEvent::getMessageId).containsExactly("3EB0AAAAAAAAAAAAAAAAAA");
        assertThat(((MessageReceived) received.getFirst().getPayload()).getContent()).isEqualTo("hello");
    }

    @Test
    void aMessageThatCannotBePublishedFailsTheStageSoTheClientDoesNotAck() throws Exception {
        run(new CreateSession("c1", "s-big", Instant.now(), "u", "n"), 0);
        ListenerBridge bridge = new ListenerBridge("s-big", connector.listeners().getFirst());

        // beyond the producer's max.request.size (1 MiB): Kafka refuses it for good
        CompletableFuture<Void> refused = bridge.messageReceived(incoming("3EB0BBBBBBBBBBBBBBBBBB",
                "x".repeat(2 * 1024 * 1024))).toCompletableFuture();

        assertThat(refused).failsWithin(Duration.ofSeconds(20));
        assertThat(receivedEvents()).isEmpty();
    }

    private void run(com.wagateway.worker.command.SessionCommand command, long offset) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        engine.submit(command, new SessionEngine.Position(0, offset, null, null), done::countDown);
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    }

    private static IncomingMessage incoming(String id, String text) {
        Jid phone = Jid.parse("6289876543210@s.whatsapp.net");
        return new IncomingMessage(id, phone, phone, null, Jid.parse("6281234567890@s.whatsapp.net"), "text", text,
                Instant.now(), "Ani", false, null);
    }

    private List<MessageEvent> receivedEvents() {
        List<MessageEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer("inbound-check",
                new ByteArrayDeserializer(), Map.of())) {
            TopicPartition tp = new TopicPartition(topics.messageEvents(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    MessageEvent e = EVENTS.decode(r.value());
                    if (e.getPayload() instanceof MessageReceived) {
                        events.add(e);
                    }
                }
            }
        }
        return events;
    }
}
