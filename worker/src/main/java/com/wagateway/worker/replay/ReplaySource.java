package com.wagateway.worker.replay;

import com.wagateway.worker.kafka.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics for a replay without a consumer group (nothing is committed, the relay's offsets are untouched):
 * every partition from the first record at or after {@code from} ({@code offsetsForTimes}; the beginning without
 * {@code from}) up to the end offsets as they were when the replay began, skipping records stamped after {@code to}.
 * Partitions are read one after the other, each in offset order, so one session's events keep their order.
 */
final class ReplaySource {

    private final KafkaClients clients;

    ReplaySource(KafkaClients clients) {
        this.clients = clients;
    }

    void read(List<String> topics, Instant from, Instant to, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> c = clients.consumer("replay", new ByteArrayDeserializer(), Map.of())) {
            for (String topic : topics) {
                List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
                Map<TopicPartition, Long> starts = starts(c, partitions, from);
                for (TopicPartition tp : partitions) {
                    readPartition(c, tp, starts.get(tp), ends.get(tp), to, each);
                }
            }
        }
    }

    private static Map<TopicPartition, Long> starts(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions,
                                                    Instant from) {
        Map<TopicPartition, Long> starts = new HashMap<>(c.beginningOffsets(partitions, Duration.ofSeconds(30)));
        if (from != null) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
            // no record at or after `from`: start at the end (nothing to read there)
            partitions.forEach(tp -> starts.put(tp, found.get(tp) == null ? ends.get(tp) : found.get(tp).offset()));
        }
        return starts;
    }

    /** The read gives up when a partition's position has not moved for this long (e.g. the broker is gone). */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    /** Reading stopped making progress: the broker is unreachable or the partition cannot be read. */
    static final class StalledException extends RuntimeException {
        StalledException(String message) {
            super(message);
        }
    }

    private static void readPartition(KafkaConsumer<String, byte[]> c, TopicPartition tp, long start, long end,
                                      Instant to, Consumer<ConsumerRecord<String, byte[]>> each) {
        readPartition(c, tp, start, end, to, each, STALL_TIMEOUT);
    }

    static void readPartition(KafkaConsumer<String, byte[]> c, TopicPartition tp, long start, long end, Instant to,
                              Consumer<ConsumerRecord<String, byte[]>> each, Duration stallTimeout) {
        if (start >= end) {
            return;
        }
        c.assign(List.of(tp));
        c.seek(tp, start);
        long position = start;
        // only the time spent waiting for Kafka counts: sending to the Backend (each.accept) may take long legitimately
        long waited = 0;
        while (position < end) {
            long polling = System.nanoTime();
            List<ConsumerRecord<String, byte[]>> records = c.poll(Duration.ofMillis(500)).records(tp);
            waited += System.nanoTime() - polling;
            for (ConsumerRecord<String, byte[]> r : records) {
                if (r.offset() >= end) {
                    return;
                }
                if (to == null || r.timestamp() <= to.toEpochMilli()) {
                    each.accept(r);
                }
            }
            long next = c.position(tp, Duration.ofSeconds(30));
            if (next > position) {
                waited = 0;
            } else if (waited >= stallTimeout.toNanos()) {
                throw new StalledException("replay stopped: no progress reading " + tp + " at offset " + position
                        + " (end " + end + ") for " + stallTimeout.toSeconds() + "s; is Kafka reachable?");
            }
            position = next;
        }
    }
}
