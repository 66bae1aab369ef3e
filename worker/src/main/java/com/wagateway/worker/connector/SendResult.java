package com.wagateway.worker.connector;

import java.time.Instant;

/** Outcome of {@link Connection#send}: {@code error} is null when sent. */
public record SendResult(boolean sent, Instant timestamp, String error) {

    public static SendResult sent(Instant at) {
        return new SendResult(true, at, null);
    }

    public static SendResult failed(Instant at, String error) {
        return new SendResult(false, at, error);
    }
}
