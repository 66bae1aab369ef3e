package com.wagateway.worker.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds the worker's Kafka clients against {@link KafkaEndpoint}. Every producer is idempotent with
 * {@code acks=all}; every consumer commits by hand. Callers add only what is specific to them.
 */
public final class KafkaClients {

    private final KafkaEndpoint endpoint;
    private final String workerId;

    public KafkaClients(KafkaEndpoint endpoint, String workerId) {
        this.endpoint = endpoint;
        this.workerId = workerId;
    }

    public String workerId() {
        return workerId;
    }

    public <V> KafkaProducer<String, V> producer(String purpose, Serializer<V> values, Map<String, Object> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, workerId + "-" + purpose);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.putAll(overrides);
        return new KafkaProducer<>(p, new StringSerializer(), values);
    }

    public <V> KafkaConsumer<String, V> consumer(String purpose, Deserializer<V> values, Map<String, Object> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, workerId + "-" + purpose);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putAll(overrides);
        return new KafkaConsumer<>(p, new StringDeserializer(), values);
    }

    public Admin admin(String purpose) {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers(),
                CommonClientConfigs.CLIENT_ID_CONFIG, workerId + "-" + purpose));
    }
}
