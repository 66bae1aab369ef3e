package com.wagateway.worker.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** A replay whose broker is gone stops with a clear error instead of polling forever. */
class ReplaySourceTest {

    @Test
    void aPartitionThatStopsMovingEndsTheReplayWithAClearError() {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, 1000);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> ReplaySource.readPartition(c, new TopicPartition("wa.webhooks.dlt", 0), 5, 10,
                    null, r -> {}, Duration.ofSeconds(2)))
                    .isInstanceOf(ReplaySource.StalledException.class)
                    .hasMessageContaining("wa.webhooks.dlt-0").hasMessageContaining("offset 5")
                    .hasMessageContaining("Kafka reachable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }
}
