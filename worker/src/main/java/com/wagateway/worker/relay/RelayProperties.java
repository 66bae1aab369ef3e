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
