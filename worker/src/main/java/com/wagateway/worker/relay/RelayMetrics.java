package com.wagateway.worker.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's meters (names as Prometheus shows them):
 * {@code wa_webhook_calls_total{kind,outcome}} every HTTP call (or call refused by the open circuit);
 * {@code wa_webhook_events_total{kind,outcome}} how each event ended (delivered, dead_lettered, skipped);
 * {@code wa_webhook_retries_total{kind}}; {@code wa_webhook_dead_letters_total{kind,reason}};
 * {@code wa_webhook_delivery_seconds{kind}} event time to 2xx (histogram, for p99);
 * {@code wa_relay_lag{topic,partition}} events not yet delivered per partition.
 */
public final class RelayMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<WebhookKind, Timer> delivery = new ConcurrentHashMap<>();
    private final MultiGauge lag;

    public RelayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = MultiGauge.builder("wa.relay.lag").description("Events on the partition not yet delivered")
                .register(registry);
        // every series exists from the start at 0, so dashboards and alerts show 0 rather than "no data"
        for (WebhookKind kind : WebhookKind.values()) {
            for (AttemptOutcome outcome : AttemptOutcome.values()) {
                counter("wa.webhook.calls", "kind", kind.tag(), "outcome", outcome.tag());
            }
            counter("wa.webhook.retries", "kind", kind.tag());
            counter("wa.webhook.events", "kind", kind.tag(), "outcome", "delivered");
            counter("wa.webhook.events", "kind", kind.tag(), "outcome", "dead_lettered");
            counter("wa.webhook.dead.letters", "kind", kind.tag(), "reason", "client_error");
            counter("wa.webhook.dead.letters", "kind", kind.tag(), "reason", "retry_budget_exhausted");
            counter("wa.webhook.dead.letters", "kind", kind.tag(), "reason", "internal_error");
        }
    }

    void call(WebhookKind kind, AttemptOutcome outcome) {
        counter("wa.webhook.calls", "kind", kind.tag(), "outcome", outcome.tag()).increment();
    }

    void retry(WebhookKind kind) {
        counter("wa.webhook.retries", "kind", kind.tag()).increment();
    }

    void event(String kind, String outcome) {
        counter("wa.webhook.events", "kind", kind, "outcome", outcome).increment();
    }

    void deadLetter(String kind, String reason) {
        counter("wa.webhook.dead.letters", "kind", kind, "reason", reason).increment();
    }

    void delivered(WebhookKind kind, Duration sinceEvent) {
        delivery.computeIfAbsent(kind, k -> Timer.builder("wa.webhook.delivery")
                .description("Time from the event to the Backend's 2xx").tag("kind", k.tag())
                .publishPercentileHistogram().register(registry)).record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    /** Replaces the lag rows (partitions come and go with rebalances). */
    void lag(Map<org.apache.kafka.common.TopicPartition, Long> byPartition) {
        List<MultiGauge.Row<?>> rows = byPartition.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("topic", e.getKey().topic(), "partition",
                        Integer.toString(e.getKey().partition())), e.getValue()))
                .toList();
        lag.register(rows, true);
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join(",", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
