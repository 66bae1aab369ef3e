package com.wagateway.worker.relay;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionStatusChanged;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces events onto the event topics the way the engine's publisher does (Avro single-object encoding, keyed by
 * sessionId), faster than driving sessions through REST. Each event carries a sequence number per session in its
 * messageId ({@code seq-<n>}) or its error field, so tests can check order at the Backend.
 */
public final class TestEvents implements AutoCloseable {

    private static final AvroCodec<SessionEvent> SESSION = AvroCodec.of(SessionEvent.class);
    private static final AvroCodec<MessageEvent> MESSAGE = AvroCodec.of(MessageEvent.class);

    private final KafkaProducer<String, byte[]> producer;
    private final RelayTopics topics;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    public TestEvents(KafkaClients clients, RelayTopics topics) {
        this.producer = clients.producer("test-events", new ByteArraySerializer(), Map.of());
        this.topics = topics;
    }

    /** A message status event whose messageId is {@code seq-<seq>}; returns its eventId. */
    public String messageStatus(String sessionId, int seq) {
        String eventId = UUID.randomUUID().toString();
        MessageEvent e = MessageEvent.newBuilder().setEventId(eventId).setSessionId(sessionId).setWorkerId("w-test")
                .setOccurredAt(Instant.now()).setMessageId("seq-" + seq)
                .setPayload(MessageStatusChanged.newBuilder().setStatus("delivered").build()).build();
        sent.add(producer.send(new ProducerRecord<>(topics.messageEvents(), sessionId, MESSAGE.encode(e))));
        return eventId;
    }

    /** A session status event ({@code connected}) with {@code phoneNumber} = {@code +<seq>}; returns its eventId. */
    public String sessionStatus(String sessionId, int seq) {
        String eventId = UUID.randomUUID().toString();
        SessionEvent e = SessionEvent.newBuilder().setEventId(eventId).setSessionId(sessionId).setWorkerId("w-test")
                .setOccurredAt(Instant.now())
                .setPayload(SessionStatusChanged.newBuilder().setStatus("connected").setPhoneNumber("+" + seq).build())
                .build();
        sent.add(producer.send(new ProducerRecord<>(topics.sessionEvents(), sessionId, SESSION.encode(e))));
        return eventId;
    }

    /** Waits for every event produced so far to be acknowledged. */
    public void flush() throws Exception {
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        sent.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
