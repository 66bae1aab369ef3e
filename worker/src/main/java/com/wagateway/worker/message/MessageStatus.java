package com.wagateway.worker.message;

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
}
