package com.wagateway.worker.engine;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.kafka.AvroSerde;
import com.wagateway.worker.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads {@code wa.session-events} (or {@code wa.message-events}) from the beginning until the wanted events are there (or time runs out). */
final class EventsProbe {

    private EventsProbe() {}

    static List<SessionEvent> sessionEvents(KafkaClients clients, String topic, String sessionId,
                                            Predicate<List<SessionEvent>> enough) {
        return read(clients, topic, SessionEvent.class, sessionId, enough, Duration.ofSeconds(20));
    }

    static List<MessageEvent> messageEvents(KafkaClients clients, String topic, String sessionId,
                                            Predicate<List<MessageEvent>> enough, Duration atMost) {
        return read(clients, topic, MessageEvent.class, sessionId, enough, atMost);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> read(KafkaClients clients,
            String topic, Class<T> type, String sessionId, Predicate<List<T>> enough, Duration atMost) {
        List<T> seen = new ArrayList<>();
        try (KafkaConsumer<String, T> c = clients.consumer("probe", AvroSerde.deserializer(type), Map.of())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < deadline && !enough.test(seen)) {
                for (ConsumerRecord<String, T> r : c.poll(Duration.ofMillis(200))) {
                    if (sessionId.equals(r.key())) {
                        seen.add(r.value());
                    }
                }
            }
        }
        return seen;
    }
}
