package com.wagateway.worker.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The webhook relay's settings ({@code worker.relay.*}; environment variables in {@code application.yml} and the
 * README). Durations are configurable so tests can use short outages and backoffs with the same logic.
 *
 * @param enabled             relay on (it still needs {@code BACKEND_URL})
 * @param sessionStatus       {@code session-status} webhook: on/off and path
 * @param messageStatus       {@code message-status} webhook: on/off and path
 * @param message             inbound-message webhook: on/off and path
 * @param signingSecret       Standard Webhooks secret; blank = no signature headers
 * @param backoffInitial      first wait after a failed call
 * @param backoffMax          longest wait between two calls of one event
 * @param backoffMultiplier   growth of the wait per failed call
 * @param backoffJitter       randomization factor (0.5 = ±50 %)
 * @param retryBudget         how long an event is retried for 5xx, 408, 429, network errors and an open circuit
 * @param clientErrorAttempts calls allowed for an event answered with another 4xx (or 3xx) before it is dead-lettered
 * @param requestTimeout      one call's timeout
 * @param breakerOpenDuration how long the circuit stays open before one trial call
 * @param breakerWindow       calls the circuit breaker looks at
 * @param breakerFailureRate  percentage of failed calls in the window that opens the circuit
 * @param bufferPerPartition  records fetched ahead per partition before it is paused
 */
@ConfigurationProperties("worker.relay")
public record RelayProperties(boolean enabled, Kind sessionStatus, Kind messageStatus, Kind message,
                              String signingSecret, Duration backoffInitial, Duration backoffMax,
                              double backoffMultiplier, double backoffJitter, Duration retryBudget,
                              int clientErrorAttempts, Duration requestTimeout, Duration breakerOpenDuration,
                              int breakerWindow, int breakerFailureRate, int bufferPerPartition) {

    /** Checked at start-up: a wrong value stops the worker with an error naming the environment variable. */
    public RelayProperties {
        if (bufferPerPartition < 1) {
            throw new IllegalArgumentException("WEBHOOK_BUFFER_PER_PARTITION must be at least 1, got " + bufferPerPartition);
        }
        if (clientErrorAttempts < 1) {
            throw new IllegalArgumentException("WEBHOOK_CLIENT_ERROR_ATTEMPTS must be at least 1, got "
                    + clientErrorAttempts);
        }
        if (backoffInitial != null && (backoffInitial.isNegative() || backoffInitial.isZero())) {
            throw new IllegalArgumentException("WEBHOOK_BACKOFF_INITIAL must be positive, got " + backoffInitial);
        }
        if (backoffInitial != null && backoffMax != null && backoffInitial.compareTo(backoffMax) > 0) {
            throw new IllegalArgumentException("WEBHOOK_BACKOFF_INITIAL (" + backoffInitial
                    + ") must not be longer than WEBHOOK_BACKOFF_MAX (" + backoffMax + ")");
        }
        if (!(backoffJitter >= 0 && backoffJitter <= 1)) {
            throw new IllegalArgumentException("WEBHOOK_BACKOFF_JITTER must be between 0 and 1, got " + backoffJitter);
        }
        if (backoffMultiplier < 1) {
            throw new IllegalArgumentException("WEBHOOK_BACKOFF_MULTIPLIER must be at least 1, got " + backoffMultiplier);
        }
    }

    /** One webhook kind: whether it is sent and where. */
    public record Kind(boolean enabled, String path) {}

    public Kind of(WebhookKind kind) {
        return switch (kind) {
            case SESSION_STATUS -> sessionStatus;
            case MESSAGE_STATUS -> messageStatus;
            case MESSAGE -> message;
        };
    }

    public boolean signing() {
        return signingSecret != null && !signingSecret.isBlank();
    }
}
