package com.wagateway.worker.relay;

import com.wagateway.worker.config.KafkaSettings;
import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.KafkaEndpoint;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.kafka.TopicProvisioner;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The webhook relay. The dead-letter topic always exists (replay reads it); the relay itself runs only with a
 * {@code BACKEND_URL} and {@code WEBHOOK_RELAY_ENABLED} not false. Without it events simply stay on Kafka: a relay
 * started later begins at the oldest retained event its group has not committed.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfig {

    private static final Logger log = LoggerFactory.getLogger(RelayConfig.class);

    @Bean
    RelayTopics relayTopics(TopicNames names, KafkaSettings settings) {
        return RelayTopics.of(names, settings);
    }

    @Bean
    NewTopic webhooksDeadLetterTopic(RelayTopics topics, KafkaSettings settings, KafkaEndpoint endpoint) {
        return new NewTopic(topics.deadLetters(), settings.partitions(),
                endpoint.embedded() ? 1 : settings.replicationFactor());
    }

    /** One breaker per Backend base URL, all with these settings; their state is exported to Prometheus. */
    @Bean
    CircuitBreakerRegistry backendCircuitBreakers(RelayProperties relay, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(relay.breakerWindow())
                .minimumNumberOfCalls(Math.min(relay.breakerWindow(), 5))
                .failureRateThreshold(relay.breakerFailureRate())
                .waitDurationInOpenState(relay.breakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    RelayMetrics relayMetrics(MeterRegistry meters) {
        return new RelayMetrics(meters);
    }

    @Bean
    WebhookMapper webhookMapper(RelayProperties relay, RelayTopics topics) {
        return new WebhookMapper(relay, topics.sessionEvents(), topics.messageEvents());
    }

    /** Only with BACKEND_URL: the relay and replay need somewhere to send to. */
    @Bean
    @Conditional(RelayOn.class)
    WebhookSender webhookSender(WorkerProperties worker, RelayProperties relay, CircuitBreakerRegistry breakers) {
        WebhookSender.validateBaseUrl(worker.backendUrl());
        WebhookSender.validatePath("WEBHOOK_SESSION_STATUS_PATH", worker.backendUrl(), relay.sessionStatus().path());
        WebhookSender.validatePath("WEBHOOK_MESSAGE_STATUS_PATH", worker.backendUrl(), relay.messageStatus().path());
        WebhookSender.validatePath("WEBHOOK_MESSAGE_PATH", worker.backendUrl(), relay.message().path());
        if (worker.authToken() == null || worker.authToken().isBlank()) {
            log.warn("webhooks are sent without Authorization: BACKEND_AUTH_TOKEN is not set");
        }
        return new WebhookSender(worker.backendUrl().strip(), worker.authToken(), worker.id(),
                relay.signing() ? new WebhookSigner(relay.signingSecret()) : null, relay.requestTimeout(), breakers,
                Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    @Conditional(RelayOn.class)
    DeadLetterPublisher deadLetterPublisher(KafkaClients clients, RelayTopics topics, TopicProvisioner provisioned) {
        return new DeadLetterPublisher(clients, topics.deadLetters());
    }

    @Bean
    @Conditional(RelayOn.class)
    WebhookRelay webhookRelay(KafkaClients clients, RelayTopics topics, TopicNames names, RelayProperties relay,
                              WebhookMapper mapper, WebhookSender sender, DeadLetterPublisher deadLetters,
                              RelayMetrics metrics, TopicProvisioner provisioned) {
        WebhookDelivery delivery = new WebhookDelivery(sender, RetryPolicy.of(relay), metrics, Clock.systemUTC());
        EventForwarder forwarder = new EventForwarder(mapper, delivery, deadLetters, metrics, Clock.systemUTC());
        return new WebhookRelay(clients, List.of(topics.sessionEvents(), topics.messageEvents()),
                names.groupPrefix() + "wa-webhook-relay", forwarder, metrics, relay.bufferPerPartition());
    }

    /** Logs once at start why there is no relay. */
    @Bean
    @Conditional(RelayOff.class)
    Object webhookRelayOff(WorkerProperties worker) {
        log.info("webhook relay off reason=\"{}\"", worker.backendUrl() == null || worker.backendUrl().isBlank()
                ? "BACKEND_URL not set" : "WEBHOOK_RELAY_ENABLED=false");
        return new Object();
    }

    static final class RelayOn implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            return !env.getProperty("worker.backend-url", "").isBlank()
                    && env.getProperty("worker.relay.enabled", Boolean.class, true);
        }
    }

    static final class RelayOff implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new RelayOn().matches(context, metadata);
        }
    }
}
