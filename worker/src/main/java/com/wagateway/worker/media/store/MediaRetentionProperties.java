package com.wagateway.worker.media.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long received media stays on disk ({@code application.yml} maps the environment variables; README,
 * "Configuration").
 *
 * @param retention     {@code MEDIA_RETENTION}: files stored longer ago are deleted (file and sidecar); {@code 0}
 *                      keeps them until the session is deleted. Default 30 days
 * @param sweepInterval {@code MEDIA_SWEEP_INTERVAL}: how often the sweeper looks; default 1 hour
 */
@ConfigurationProperties("worker.media-retention")
public record MediaRetentionProperties(Duration retention, Duration sweepInterval) {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public MediaRetentionProperties {
        retention = retention == null ? DEFAULT_RETENTION : retention;
        sweepInterval = sweepInterval == null ? Duration.ofHours(1) : sweepInterval;
        if (retention.isNegative()) {
            throw new IllegalArgumentException("MEDIA_RETENTION must be 0 (keep until the session is deleted) or a "
                    + "positive duration like 30d, was " + retention);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("MEDIA_SWEEP_INTERVAL must be a positive duration like 1h, was "
                    + sweepInterval);
        }
    }

    /** False for retention 0: media is then kept until its session is deleted (temporary files are still swept). */
    public boolean sweeps() {
        return !retention.isZero();
    }
}
