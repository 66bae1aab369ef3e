package com.wagateway.worker.relay;

import com.wagateway.worker.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks an event the Backend would not take on {@code wa.webhooks.dlt}: key = sessionId, value = the original event
 * bytes unchanged (so replay maps it exactly as the relay did, with its original event id), and what happened in
 * headers ({@link DeadLetterHeaders}). Returns only once Kafka acknowledged it; the relay commits the source offset
 * after that, so an event is always either delivered, parked, or still pending.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String workerId;

    public DeadLetterPublisher(KafkaClients clients, String topic) {
        this.producer = clients.producer("webhooks-dlt", new ByteArraySerializer(), Map.of());
        this.topic = topic;
        this.workerId = clients.workerId();
    }

    public String topic() {
        return topic;
    }

    /** Retries until Kafka takes it (the partition waits meanwhile); interrupted only by the relay stopping. */
    public void publish(ConsumerRecord<String, byte[]> source, DeadLetter letter) throws InterruptedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, source.key(), source.value());
        Headers h = record.headers();
        put(h, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
        put(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        put(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        put(h, DeadLetterHeaders.EVENT_ID, letter.eventId());
        put(h, DeadLetterHeaders.EVENT_TYPE, letter.eventType());
        put(h, DeadLetterHeaders.KIND, letter.kind());
        put(h, DeadLetterHeaders.REASON, letter.reason());
        put(h, DeadLetterHeaders.LAST_STATUS, letter.lastStatus());
        put(h, DeadLetterHeaders.LAST_BODY, DeliveryAttempt.truncate(letter.lastBody()));
        put(h, DeadLetterHeaders.CALLS, Integer.toString(letter.calls()));
        put(h, DeadLetterHeaders.PARKED_AT, Instant.now().toString());
        put(h, DeadLetterHeaders.WORKER_ID, workerId);
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                producer.send(record).get();
                return;
            } catch (ExecutionException | RuntimeException e) {
                log.warn("dead letter not stored, retrying sessionId={} eventId={} backoffMs={} cause=\"{}\"",
                        source.key(), letter.eventId(), backoff.toMillis(), e.toString());
                Thread.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** What the dead-letter headers say; {@code lastStatus} is the HTTP status or what failed instead. */
    public record DeadLetter(String eventId, String eventType, String kind, String reason, String lastStatus,
                             String lastBody, int calls) {}
}
