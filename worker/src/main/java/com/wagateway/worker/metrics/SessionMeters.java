package com.wagateway.worker.metrics;

import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code wa_sessions{status}}: the sessions this worker owns, by status, read from the session-state view at scrape
 * time (every status always present, 0 included). Owned only, so summing over workers counts each session once.
 */
public final class SessionMeters {

    private SessionMeters() {}

    public static void bind(MeterRegistry registry, SessionDirectory directory, String workerId) {
        for (SessionStatus status : SessionStatus.values()) {
            Gauge.builder("wa.sessions", directory, d -> d.all().stream()
                            .filter(s -> s.status() == status && workerId.equals(s.ownerWorkerId())).count())
                    .description("Sessions this worker owns, by status").tag("status", status.wire())
                    .register(registry);
        }
    }
}
