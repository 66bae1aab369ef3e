package com.wagateway.worker.relay;

/** What one webhook call came to; {@link #tag()} is the {@code outcome} label of {@code wa_webhook_calls_total}. */
public enum AttemptOutcome {
    /** 2xx. */
    DELIVERED("delivered"),
    /** 5xx, 408 or 429: the Backend is (temporarily) unable; retried within the retry budget. */
    SERVER_ERROR("server_error"),
    /**
     * 401 or 403: the Backend refuses our token. A configuration problem of the Backend or worker that affects every
     * event alike, so it is outage-class: retried within the retry budget and counted as a breaker failure (rather
     * than dead-lettering everything in seconds).
     */
    UNAUTHORIZED("unauthorized"),
    /** Any other answer (4xx, 3xx): retried a few times only, then dead-lettered. */
    CLIENT_ERROR("client_error"),
    /** No answer: connection refused, reset, timeout. Retried within the retry budget. */
    NETWORK_ERROR("network_error"),
    /** The Backend's circuit breaker is open: no call was made. Retried within the retry budget. */
    CIRCUIT_OPEN("circuit_open"),
    /** The call could not even be made (an unexpected error of the worker): not retried, dead-lettered at once. */
    INTERNAL_ERROR("internal_error");

    private final String tag;

    AttemptOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** Outage-class: the Backend (or the way to it) is unable; retried within the budget, a breaker failure. */
    public boolean outage() {
        return this == SERVER_ERROR || this == NETWORK_ERROR || this == UNAUTHORIZED;
    }

    public static AttemptOutcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status >= 500 || status == 408 || status == 429) {
            return SERVER_ERROR;
        }
        if (status == 401 || status == 403) {
            return UNAUTHORIZED;
        }
        return CLIENT_ERROR;
    }
}
