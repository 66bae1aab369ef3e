package com.wagateway.whatsapp.signal;

/** A Signal operation failed; {@link #reason()} says how, so callers can count and answer (e.g. a retry receipt). */
public final class SignalException extends Exception {

    public enum Reason {
        NO_SESSION, NO_SENDER_KEY, NO_PRE_KEY, NO_SIGNED_PRE_KEY, BAD_MAC, BAD_SIGNATURE, DUPLICATE_MESSAGE,
        TOO_MANY_SKIPPED_KEYS, INVALID_MESSAGE, INVALID_KEY, BAD_PADDING
    }

    private final Reason reason;

    public SignalException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignalException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
