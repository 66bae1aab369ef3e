package com.wagateway.worker.message;

import java.util.Arrays;
import java.util.Optional;

/** The spec's {@code type} values for {@code POST /send}. */
public enum MessageType {
    TEXT("text"), IMAGE("image"), DOCUMENT("document"), AUDIO("audio"), VIDEO("video");

    private final String wire;

    MessageType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<MessageType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
