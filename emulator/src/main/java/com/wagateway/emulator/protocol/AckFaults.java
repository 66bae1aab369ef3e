package com.wagateway.emulator.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin fault {@code withholdAcks}: the next messages a device sends get no {@code <ack>}, as when the server's ack
 * is lost on the way (the message is still routed) or the message itself is lost (it is not). Lets a client's ack
 * timeout be exercised against a server that otherwise answers everything. Admin fault {@code nackMessages}: the next
 * messages are refused with {@code <ack error=code>} and not routed, as the real server refuses a stanza it cannot
 * take (e.g. 479, 463 — fact sheet §10.6), so a client's handling of a server nack can be driven on purpose.
 */
public final class AckFaults {

    /**
     * How many of the device's next messages are affected; {@code error} non-null: refused with that code (never
     * routed); else unanswered, and routed all the same when {@code deliver}.
     */
    record Withheld(int remaining, boolean deliver, String error) {}

    private final Map<DeviceRef, Withheld> armed = new ConcurrentHashMap<>();

    /** Arms (or replaces) the fault for {@code device}'s next {@code count} messages. */
    public void withhold(DeviceRef device, int count, boolean deliver) {
        armed.put(device, new Withheld(count, deliver, null));
    }

    /** Arms (or replaces) a refusal with {@code error} of {@code device}'s next {@code count} messages. */
    public void nack(DeviceRef device, int count, String error) {
        armed.put(device, new Withheld(count, false, error));
    }

    /** Null when the message is answered normally; else what to do with it. Consumes one. */
    Withheld take(DeviceRef device) {
        Withheld[] taken = new Withheld[1];
        armed.computeIfPresent(device, (d, w) -> {
            taken[0] = w;
            return w.remaining() > 1 ? new Withheld(w.remaining() - 1, w.deliver(), w.error()) : null;
        });
        return taken[0];
    }
}
