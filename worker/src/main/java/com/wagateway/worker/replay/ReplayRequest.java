package com.wagateway.worker.replay;

import java.time.Instant;

/**
 * What to re-send. Either {@code topic} (the dead-letter topic, or one event topic: everything on it, narrowed by
 * the other fields), or a time range {@code from} [{@code to}] over both event topics; {@code sessionId} narrows
 * either to one session. Topic names are the logical ones ({@code wa.webhooks.dlt}); the prefix is applied.
 */
public record ReplayRequest(String topic, Instant from, Instant to, String sessionId) {

    public ReplayRequest {
        if ((topic == null || topic.isBlank()) && from == null) {
            throw new IllegalArgumentException("give a topic (e.g. wa.webhooks.dlt) or a start time (from)");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
    }
}
