package com.wagateway.worker.kafka;

import com.wagateway.worker.config.KafkaSettings;
import com.wagateway.worker.config.WorkerProperties;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Where Kafka is, and the topics on it. With {@code KAFKA_BOOTSTRAP_SERVERS} blank an in-process broker is
 * started and everything (our clients and Spring Boot's own {@code spring.kafka} clients, through
 * {@link KafkaConnectionDetails}) points at it; with it set, no broker starts.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaInfrastructureConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaInfrastructureConfig.class);

    /** Destroyed after every bean that depends on {@link KafkaEndpoint}, i.e. after all our clients closed. */
    @Bean(destroyMethod = "close")
    @Conditional(NoBootstrapServers.class)
    EmbeddedKafkaBroker embeddedKafkaBroker(KafkaSettings settings, EmbeddedBrokerPorts ports) {
        return new EmbeddedKafkaBroker(settings.embeddedDataDir(), ports.port(), ports.controllerPort()).start();
    }

    /** Depends on the broker bean, so Spring destroys every client (they depend on this) before the broker. */
    @Bean
    @Conditional(NoBootstrapServers.class)
    KafkaEndpoint embeddedKafkaEndpoint(EmbeddedKafkaBroker broker) {
        log.info("kafka endpoint embedded bootstrap={} dataDir={}", broker.bootstrapServers(), broker.dataDir());
        return new KafkaEndpoint(broker.bootstrapServers(), true);
    }

    @Bean
    @Conditional(BootstrapServers.class)
    KafkaEndpoint clusterKafkaEndpoint(KafkaSettings settings, WorkerProperties worker) {
        requireOwnWorkerId(worker.id());
        log.info("kafka endpoint cluster bootstrap={}", settings.bootstrapServers().trim());
        return new KafkaEndpoint(settings.bootstrapServers().trim(), false);
    }

    /** Replaces Boot's {@code spring.kafka.bootstrap-servers}, so any auto-configured client finds the same broker. */
    @Bean
    KafkaConnectionDetails kafkaConnectionDetails(KafkaEndpoint endpoint) {
        List<String> servers = Arrays.stream(endpoint.bootstrapServers().split(",")).map(String::trim).toList();
        return () -> servers;
    }

    @Bean
    KafkaClients kafkaClients(KafkaEndpoint endpoint, WorkerProperties worker) {
        return new KafkaClients(endpoint, worker.id());
    }

    @Bean
    TopicNames topicNames(KafkaSettings settings) {
        return TopicNames.of(settings);
    }

    /** LogAppendTime: the broker stamps when it appended a command; the engine compares it with the command's deadline. */
    @Bean
    NewTopic commandsTopic(TopicNames names, KafkaSettings settings, KafkaEndpoint endpoint) {
        return new NewTopic(names.commands(), settings.partitions(), replication(settings, endpoint))
                .configs(java.util.Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    }

    @Bean
    NewTopic sessionEventsTopic(TopicNames names, KafkaSettings settings, KafkaEndpoint endpoint) {
        return new NewTopic(names.sessionEvents(), settings.partitions(), replication(settings, endpoint));
    }

    @Bean
    NewTopic messageEventsTopic(TopicNames names, KafkaSettings settings, KafkaEndpoint endpoint) {
        return new NewTopic(names.messageEvents(), settings.partitions(), replication(settings, endpoint));
    }

    @Bean
    NewTopic sessionStateTopic(TopicNames names, KafkaSettings settings, KafkaEndpoint endpoint) {
        return new NewTopic(names.sessionState(), settings.partitions(), replication(settings, endpoint))
                .configs(java.util.Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(60 * 60 * 1000)));
    }

    /**
     * Every {@code NewTopic} bean (ours and other packages') is created by {@link TopicProvisioner}, which leaves
     * existing topics as they are.
     */
    @Bean
    TopicProvisioner topicProvisioner(KafkaClients clients, List<NewTopic> topics, TopicNames names) {
        return new TopicProvisioner(clients, topics, names);
    }

    /**
     * Replaces Spring Boot's auto-configured {@code KafkaAdmin}, which would otherwise act on the {@code NewTopic}
     * beans at start-up: create them, and add partitions to an existing topic with fewer than configured. Adding
     * partitions moves sessions to other partitions (the key's hash picks another one) and breaks per-session order,
     * so topic handling is {@link TopicProvisioner}'s alone.
     */
    @Bean
    KafkaAdmin kafkaAdmin(KafkaEndpoint endpoint) {
        KafkaAdmin admin = new KafkaAdmin(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoint.bootstrapServers()));
        admin.setAutoCreate(false);
        admin.setModifyTopicConfigs(false);
        return admin;
    }

    /** What {@code WORKER_ID} is when it is not set (application.yml). */
    static final String DEFAULT_WORKER_ID = "worker-local";

    /**
     * On a shared cluster WORKER_ID is the engine's static group membership ({@code group.instance.id}): two workers
     * left at the default would share it and fence each other out of the consumer group. So a cluster needs a
     * WORKER_ID of its own; only the embedded broker (one worker by definition) may run with the default.
     */
    static void requireOwnWorkerId(String workerId) {
        if (workerId == null || workerId.isBlank() || DEFAULT_WORKER_ID.equals(workerId.trim())) {
            throw new IllegalStateException("WORKER_ID must be set to a value unique to this worker when "
                    + "KAFKA_BOOTSTRAP_SERVERS is set (it is the engine's static consumer-group membership; two "
                    + "workers with the same WORKER_ID fence each other). It is "
                    + (workerId == null || workerId.isBlank() ? "unset" : "the default '" + DEFAULT_WORKER_ID + "'")
                    + ".");
        }
    }

    private static short replication(KafkaSettings settings, KafkaEndpoint endpoint) {
        return endpoint.embedded() ? 1 : settings.replicationFactor();
    }

    static final class NoBootstrapServers implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("worker.kafka.bootstrap-servers", "").isBlank();
        }
    }

    static final class BootstrapServers implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().getProperty("worker.kafka.bootstrap-servers", "").isBlank();
        }
    }
}
