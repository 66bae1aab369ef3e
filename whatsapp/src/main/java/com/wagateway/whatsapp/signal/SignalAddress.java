package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.jid.Jid;

import java.util.Objects;

/**
 * A Signal protocol address, {@code name.device} (fact sheet §9.9, the 7.x rule): {@code name} is the JID's user for
 * {@code s.whatsapp.net}, else {@code user_<domainType>} (LID {@code _1}, hosted {@code _128}, hosted LID {@code _129}).
 * Sessions, identities and sender keys are keyed by its {@link #toString()} form, as libsignal-node keys them.
 */
public record SignalAddress(String name, int deviceId) {

    public SignalAddress {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('.') >= 0) {
            throw new IllegalArgumentException("signal address name must be non-empty and hold no '.': " + name);
        }
        if (deviceId < 0) {
            throw new IllegalArgumentException("device id must be >= 0: " + deviceId);
        }
    }

    /** The address of a user or device JID ({@code 123:7@s.whatsapp.net} → {@code 123.7}, {@code 987:7@lid} → {@code 987_1.7}). */
    public static SignalAddress of(Jid jid) {
        String name = switch (jid.server()) {
            case Jid.WHATSAPP -> jid.user();
            case Jid.LID -> jid.user() + "_1";
            case Jid.HOSTED -> jid.user() + "_128";
            case Jid.HOSTED_LID -> jid.user() + "_129";
            default -> throw new IllegalArgumentException("no Signal address for server " + jid.server() + ": " + jid);
        };
        return new SignalAddress(name, jid.device());
    }

    @Override
    public String toString() {
        return name + "." + deviceId;
    }
}
