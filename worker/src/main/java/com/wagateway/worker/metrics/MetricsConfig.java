package com.wagateway.worker.metrics;

import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.engine.EngineObserver;
import com.wagateway.worker.media.MediaObserver;
import com.wagateway.worker.session.SessionDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's own meters (docs/webhooks.md, "Metrics", lists them all). The relay's are in {@code relay.RelayMetrics};
 * the circuit breaker's state comes from resilience4j's binder; JVM, HTTP server and Kafka client meters from
 * Spring Boot.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfig {

    @Bean
    EngineObserver engineMeters(MeterRegistry registry) {
        return new EngineMeters(registry);
    }

    @Bean
    MediaObserver mediaMeters(MeterRegistry registry) {
        return new MediaMeters(registry);
    }

    @Bean
    SessionMetersBinding sessionMeters(MeterRegistry registry, SessionDirectory directory, WorkerProperties worker) {
        SessionMeters.bind(registry, directory, worker.id());
        return new SessionMetersBinding();
    }

    /** Marker bean: the session gauges are bound. */
    static final class SessionMetersBinding {}
}
