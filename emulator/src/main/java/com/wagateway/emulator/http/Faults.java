package com.wagateway.emulator.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Injected failures that outlive one request: refusing new WebSocket connections for a while. */
public final class Faults {

    private final Clock clock;
    private volatile Instant refuseUntil = Instant.EPOCH;

    public Faults(Clock clock) {
        this.clock = clock;
    }

    public void refuseFor(Duration duration) {
        refuseUntil = clock.instant().plus(duration);
    }

    public boolean refusing() {
        return clock.instant().isBefore(refuseUntil);
    }

    public Instant refuseUntil() {
        return refuseUntil;
    }
}
