package com.wagateway.worker.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the worker's topics when they are absent, before any consumer or producer of ours starts
 * (those beans depend on this one). Existing topics are left as they are (a partition count other than the
 * configured one is reported, never changed); a commands topic without
 * {@code LogAppendTime} is reported, because the engine's late-append guard then cannot work.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    public TopicProvisioner(KafkaClients clients, Collection<NewTopic> topics, TopicNames names) {
        try (Admin admin = clients.admin("topics")) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                    log.info("topic created topic={}", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            checkPartitionCounts(admin, topics.stream().filter(t -> existing.contains(t.name())).toList());
            if (existing.contains(names.commands())) {
                checkCommandsTimestampType(admin, names.commands());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the worker's topics on Kafka (KAFKA_BOOTSTRAP_SERVERS)", e);
        }
    }

    /**
     * An existing topic keeps its partition count even when the configuration asks for another: adding partitions
     * would move sessions to other partitions (the key's hash picks a new one) and so break per-session order.
     * Reported, never changed. Advisory, never fatal.
     */
    private static void checkPartitionCounts(Admin admin, List<NewTopic> existing) throws InterruptedException {
        if (existing.isEmpty()) {
            return;
        }
        try {
            var described = admin.describeTopics(existing.stream().map(NewTopic::name).toList()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            for (NewTopic wanted : existing) {
                var topic = described.get(wanted.name());
                if (topic != null && topic.partitions().size() != wanted.numPartitions()) {
                    log.warn("topic partition count differs from configuration, left unchanged topic={} partitions={} "
                            + "configured={} (changing it would move sessions between partitions and break their "
                            + "command order)", wanted.name(), topic.partitions().size(), wanted.numPartitions());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("topic partitions not checked reason=\"{}\"", e.toString());
        }
    }

    /** Only for a commands topic someone else created: ours is created with LogAppendTime. Advisory, never fatal. */
    private static void checkCommandsTimestampType(Admin admin, String topic) throws InterruptedException {
        ConfigResource commands = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(commands)).all().get(30, TimeUnit.SECONDS);
            var type = configs.get(commands).get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
            if (type == null || !"LogAppendTime".equals(type.value())) {
                log.warn("topic misconfigured topic={} message.timestamp.type={} expected=LogAppendTime "
                        + "(commands appended after their acknowledgement deadline cannot be recognised)",
                        topic, type == null ? null : type.value());
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("topic config not checked topic={} reason=\"{}\"", topic, e.toString());
        }
    }
}
