package com.wagateway.whatsapp.media;

/**
 * A media blob that does not match what its message states: a wrong MAC, a wrong hash, a wrong length, bad padding
 * or a blob too short to hold a MAC. Whatever was written to the output so far must be discarded.
 */
public final class MediaVerificationException extends Exception {

    /** Which check failed; stable names for logs and events. */
    public enum Reason { TOO_SHORT, BAD_MAC, BAD_PADDING, ENC_SHA256_MISMATCH, SHA256_MISMATCH, LENGTH_MISMATCH }

    private final Reason reason;

    public MediaVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
