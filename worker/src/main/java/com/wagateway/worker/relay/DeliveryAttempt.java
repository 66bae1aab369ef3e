package com.wagateway.worker.relay;

import java.time.Duration;

/**
 * One call's result. {@code status} is 0 when there was no answer; {@code body} is the answer's start (at most
 * {@value #BODY_LIMIT} characters) for logs and dead letters; {@code retryAfter} is the Backend's
 * {@code Retry-After} in seconds form, when it sent one.
 */
public record DeliveryAttempt(AttemptOutcome outcome, int status, String body, String error, Duration retryAfter) {

    static final int BODY_LIMIT = 1024;

    static DeliveryAttempt answered(int status, String body, Duration retryAfter) {
        return new DeliveryAttempt(AttemptOutcome.ofStatus(status), status, truncate(body), null, retryAfter);
    }

    static DeliveryAttempt failed(Throwable error) {
        return new DeliveryAttempt(AttemptOutcome.NETWORK_ERROR, 0, null,
                error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()), null);
    }

    /** The call could not be made at all: an unexpected error on our side; not retried. */
    static DeliveryAttempt internalError(Throwable error) {
        return new DeliveryAttempt(AttemptOutcome.INTERNAL_ERROR, 0, null,
                error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()), null);
    }

    static DeliveryAttempt circuitOpen() {
        return new DeliveryAttempt(AttemptOutcome.CIRCUIT_OPEN, 0, null, "circuit breaker open", null);
    }

    static String truncate(String body) {
        return body == null || body.length() <= BODY_LIMIT ? body : body.substring(0, BODY_LIMIT);
    }

    /** For logs and dead-letter headers: the status, or what went wrong instead. */
    public String describe() {
        return status > 0 ? "HTTP " + status : error;
    }
}
