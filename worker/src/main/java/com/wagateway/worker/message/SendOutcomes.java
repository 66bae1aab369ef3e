package com.wagateway.worker.message;

import java.time.Duration;

/** Lets the facade wait a bounded time for the engine's outcome of one send (seen on {@code wa.message-events}). */
public interface SendOutcomes {

    /** Blocks at most {@code timeout}; returns a {@link MessageStatus#PENDING} outcome when nothing is known by then. */
    SendOutcome await(String messageId, Duration timeout);
}
