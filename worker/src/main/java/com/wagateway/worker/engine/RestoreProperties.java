package com.wagateway.worker.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param rate {@code RESTORE_RATE}: stored sessions per second that reconnect by themselves when this worker starts
 *             or takes over partitions (default {@value SessionEngine#DEFAULT_RESTORE_RATE})
 */
@ConfigurationProperties("worker.restore")
public record RestoreProperties(Double rate) {

    public RestoreProperties {
        if (rate == null) {
            rate = SessionEngine.DEFAULT_RESTORE_RATE;
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("RESTORE_RATE must be more than 0 sessions per second, was " + rate);
        }
    }
}
