package com.wagateway.whatsapp.signal;

/** The three Signal payload kinds of an {@code <enc type=…>} node (§9.6, §9.7). */
public enum MessageKind {
    PKMSG("pkmsg"), MSG("msg"), SKMSG("skmsg");

    private final String wire;

    MessageKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static MessageKind fromWire(String type) {
        for (MessageKind kind : values()) {
            if (kind.wire.equals(type)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown enc type: " + type);
    }
}
