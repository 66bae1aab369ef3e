package com.wagateway.worker.message;

import java.util.Optional;

/** The contract's message statuses; {@link #wire()} is the exact string everywhere. */
public enum MessageStatus {
    PENDING("pending"), SENT("sent"), DELIVERED("delivered"), READ("read"), FAILED("failed");

    private final String wire;

    MessageStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<MessageStatus> fromWire(String wire) {
        for (MessageStatus s : values()) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a message in this status may move to {@code next}: statuses only move forward, so a late or repeated
     * report never hides a later one (a {@code delivered} after {@code read} changes nothing). The order is
     * pending &lt; sent &lt; delivered &lt; read. {@code failed} replaces only pending or sent (a receipt already
     * proved the message arrived); a failed message moves on only on a delivery or read receipt, which proves it
     * arrived after all (e.g. the server's ack was lost to a timeout), never back to pending or sent.
     */
    public boolean canMoveTo(MessageStatus next) {
        if (next == this) {
            return false;
        }
        if (next == FAILED) {
            return this == PENDING || this == SENT;
        }
        if (this == FAILED) {
            return next == DELIVERED || next == READ;
        }
        return next.ordinal() > ordinal();
    }
}
