package com.wagateway.emulator.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin fault {@code withholdAcks}: the next messages a device sends get no {@code <ack>}, as when the server's ack
 * is lost on the way (the message is still routed) or the message itself is lost (it is not). Lets a client's ack
 * timeout be exercised against a server that otherwise answers everything.
 */
public final class AckFaults {

    /** How many of the device's next messages go unanswered, and whether they are routed all the same. */
    record Withheld(int remaining, boolean deliver) {}

    private final Map<DeviceRef, Withheld> armed = new ConcurrentHashMap<>();

    /** Arms (or replaces) the fault for {@code device}'s next {@code count} messages. */
    public void withhold(DeviceRef device, int count, boolean deliver) {
        armed.put(device, new Withheld(count, deliver));
    }

    /** Null when the message is answered normally; else whether to route it. Consumes one. */
    Boolean take(DeviceRef device) {
        Withheld[] taken = new Withheld[1];
        armed.computeIfPresent(device, (d, w) -> {
            taken[0] = w;
            return w.remaining() > 1 ? new Withheld(w.remaining() - 1, w.deliver()) : null;
        });
        return taken[0] == null ? null : taken[0].deliver();
    }
}
