package com.wagateway.worker.session;

import java.time.Duration;

/** Lets the facade wait a bounded time for the engine's answer to one pairing-code request (by command id). */
public interface PairingCodes {

    /** The engine's answer: the code, or why there is none. */
    record Answer(String pairingCode, String failure) {}

    /** Registers the wait before the command is produced, so the answer cannot slip past. */
    void expect(String commandId);

    /** @return the answer, or null when none came within {@code timeout}; the wait is gone afterwards */
    Answer await(String commandId, Duration timeout);

    /** Drops a wait whose command was never produced. */
    void forget(String commandId);
}
