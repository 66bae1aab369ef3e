package com.wagateway.worker.session;

import java.util.Arrays;

/** The spec's session statuses; {@link #wire()} is the exact string on REST, webhooks and Avro. */
public enum SessionStatus {
    INITIALIZING("initializing"),
    QR_REQUIRED("qr_required"),
    CONNECTED("connected"),
    DISCONNECTED("disconnected"),
    ERROR("error"),
    LOGGED_OUT("logged_out");

    private final String wire;

    SessionStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static SessionStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown session status: " + wire));
    }
}
