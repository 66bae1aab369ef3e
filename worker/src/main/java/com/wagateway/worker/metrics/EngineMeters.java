package com.wagateway.worker.metrics;

import com.wagateway.worker.engine.EngineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's meters: {@code wa_commands_total{type,outcome}}, {@code wa_command_duration_seconds{type}} (execution
 * on the session's mailbox, publishing included), {@code wa_messages_total{status}} (message statuses this worker
 * published) and {@code wa_send_ack_seconds} (REST acceptance of a send to WhatsApp's server acknowledgement).
 */
public final class EngineMeters implements EngineObserver {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Timer sendAck;

    public EngineMeters(MeterRegistry registry) {
        this.registry = registry;
        this.sendAck = Timer.builder("wa.send.ack").description("From a send's REST acceptance to WhatsApp's ack")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void commandFinished(String type, String outcome, Duration took) {
        counters.computeIfAbsent("c" + type + "/" + outcome, k -> Counter.builder("wa.commands")
                .tag("type", type).tag("outcome", outcome).register(registry)).increment();
        durations.computeIfAbsent(type, k -> Timer.builder("wa.command.duration").description("Command execution time")
                .tag("type", type).publishPercentileHistogram().register(registry)).record(took);
    }

    @Override
    public void messageStatus(String status) {
        counters.computeIfAbsent("m" + status, k -> Counter.builder("wa.messages").tag("status", status)
                .register(registry)).increment();
    }

    @Override
    public void sendAcknowledged(Duration sinceAccepted) {
        sendAck.record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }
}
