package com.wagateway.worker.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Kafka is and how the worker's topics are named.
 *
 * @param bootstrapServers  a cluster to use; blank starts the in-process single-node KRaft broker instead
 * @param topicPrefix       prepended to every topic name ({@code wa.commands} becomes {@code <prefix>wa.commands})
 * @param partitions        partition count for topics the worker creates
 * @param replicationFactor replication factor for topics the worker creates (1 on the embedded broker)
 * @param embeddedDataDir   log directory of the embedded broker
 */
@ConfigurationProperties("worker.kafka")
public record KafkaSettings(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
                            Path embeddedDataDir) {

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    public String topic(String name) {
        return (topicPrefix == null ? "" : topicPrefix) + name;
    }
}
