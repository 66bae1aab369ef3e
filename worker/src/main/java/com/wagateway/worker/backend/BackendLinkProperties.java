package com.wagateway.worker.backend;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param heartbeatInterval      {@code HEARTBEAT_INTERVAL}: time between heartbeats (spec: 30 s)
 * @param publicUrl              {@code WORKER_PUBLIC_URL}: the {@code endpoint} the Backend calls this worker at; blank =
 *                               {@code http://<this host's address>:<the HTTP port>}
 * @param registerBackoffInitial first wait after a failed registration; doubles (with jitter) up to the max
 * @param registerBackoffMax     longest wait between two registration attempts
 * @param requestTimeout         one call's timeout
 */
@ConfigurationProperties("worker.backend-link")
public record BackendLinkProperties(Duration heartbeatInterval, String publicUrl, Duration registerBackoffInitial,
                                    Duration registerBackoffMax, Duration requestTimeout) {

    /** Checked at start-up: a wrong value stops the worker with an error naming the environment variable. */
    public BackendLinkProperties {
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("HEARTBEAT_INTERVAL must be positive, got " + heartbeatInterval);
        }
    }
}
