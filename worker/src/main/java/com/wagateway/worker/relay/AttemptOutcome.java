package com.wagateway.worker.relay;

/** What one webhook call came to; {@link #tag()} is the {@code outcome} label of {@code wa_webhook_calls_total}. */
public enum AttemptOutcome {
    /** 2xx. */
    DELIVERED("delivered"),
    /** 5xx, 408 or 429: the Backend is (temporarily) unable; retried within the retry budget. */
    SERVER_ERROR("server_error"),
    /** Any other answer (4xx, 3xx): retried a few times only, then dead-lettered. */
    CLIENT_ERROR("client_error"),
    /** No answer: connection refused, reset, timeout. Retried within the retry budget. */
    NETWORK_ERROR("network_error"),
    /** The Backend's circuit breaker is open: no call was made. Retried within the retry budget. */
    CIRCUIT_OPEN("circuit_open");

    private final String tag;

    AttemptOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public static AttemptOutcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status >= 500 || status == 408 || status == 429) {
            return SERVER_ERROR;
        }
        return CLIENT_ERROR;
    }
}
