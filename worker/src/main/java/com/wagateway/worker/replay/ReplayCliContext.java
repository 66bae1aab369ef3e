package com.wagateway.worker.replay;

import com.wagateway.worker.config.KafkaSettings;
import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.KafkaEndpoint;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.relay.RelayMetrics;
import com.wagateway.worker.relay.RelayProperties;
import com.wagateway.worker.relay.RelayTopics;
import com.wagateway.worker.relay.WebhookMapper;
import com.wagateway.worker.relay.WebhookSender;
import com.wagateway.worker.relay.WebhookSigner;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The replay command's small, non-web Spring context: the worker's settings (same {@code application.yml}, same
 * environment variables) and the relay's mapping and sender, nothing else (no broker, engine, relay or server).
 * Deliberately not a {@code @Configuration}, so the worker's component scan never picks it up; {@link ReplayCommand}
 * registers it as the only source.
 */
@EnableConfigurationProperties({WorkerProperties.class, KafkaSettings.class, RelayProperties.class,
        ReplayProperties.class})
class ReplayCliContext {

    @Bean
    KafkaClients replayKafkaClients(KafkaSettings kafka, WorkerProperties worker) {
        if (kafka.embedded()) {
            throw new IllegalArgumentException("replay needs KAFKA_BOOTSTRAP_SERVERS: the cluster's address, or the "
                    + "running worker's embedded broker (start it with a fixed KAFKA_EMBEDDED_PORT, then use "
                    + "127.0.0.1:<port>)");
        }
        return new KafkaClients(new KafkaEndpoint(kafka.bootstrapServers().strip(), false), worker.id() + "-replay");
    }

    @Bean
    RelayTopics replayRelayTopics(KafkaSettings kafka) {
        return RelayTopics.of(TopicNames.of(kafka), kafka);
    }

    @Bean
    Replayer replayer(KafkaClients clients, RelayTopics topics, KafkaSettings kafka, WorkerProperties worker,
                      RelayProperties relay, ReplayProperties replay) {
        if (worker.backendUrl() == null || worker.backendUrl().isBlank()) {
            throw new IllegalArgumentException("replay needs BACKEND_URL");
        }
        WebhookSender sender = new WebhookSender(worker.backendUrl().strip(), worker.authToken(), worker.id(),
                relay.signing() ? new WebhookSigner(relay.signingSecret()) : null, relay.requestTimeout(),
                CircuitBreakerRegistry.ofDefaults(), Clock.systemUTC());
        WebhookMapper mapper = new WebhookMapper(relay, topics.sessionEvents(), topics.messageEvents());
        return Replayers.create(clients, mapper, sender, new RelayMetrics(new SimpleMeterRegistry()), topics, kafka,
                replay);
    }
}
