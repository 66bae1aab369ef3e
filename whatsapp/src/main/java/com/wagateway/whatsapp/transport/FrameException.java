package com.wagateway.whatsapp.transport;

/** The incoming byte stream is not valid framing; {@link #error()} says how. */
public final class FrameException extends Exception {

    private final FrameError error;

    public FrameException(FrameError error) {
        super(error.describe());
        this.error = error;
    }

    public FrameError error() {
        return error;
    }
}
