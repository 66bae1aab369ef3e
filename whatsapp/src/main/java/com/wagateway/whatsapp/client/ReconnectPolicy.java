package com.wagateway.whatsapp.client;

import java.time.Duration;

/**
 * Backoff for reconnects: {@code initialDelay × multiplier^(attempt-1)}, capped at {@code maxDelay}, with up to
 * {@code jitter} (0..1) of it randomised away so that many sessions dropped together do not return together.
 * After {@code maxAttempts} failed attempts the client gives up. A refused client version retries every
 * {@code outdatedRetryDelay}, without limit (a new version in the configuration fixes it).
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
                              int maxAttempts, Duration outdatedRetryDelay) {

    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1),
            2.0, 0.2, 10, Duration.ofMinutes(10));

    public ReconnectPolicy {
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || multiplier < 1.0
                || jitter < 0 || jitter > 1 || maxAttempts < 1 || outdatedRetryDelay.isNegative()) {
            throw new IllegalArgumentException("invalid reconnect policy");
        }
    }
}
