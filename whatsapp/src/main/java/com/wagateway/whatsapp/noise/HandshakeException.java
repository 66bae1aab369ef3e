package com.wagateway.whatsapp.noise;

/** A Noise handshake failed; {@link #error()} says exactly how. */
public final class HandshakeException extends Exception {

    private final HandshakeError error;

    public HandshakeException(HandshakeError error) {
        super(error.describe());
        this.error = error;
    }

    public HandshakeException(HandshakeError error, Throwable cause) {
        super(error.describe(), cause);
        this.error = error;
    }

    public HandshakeError error() {
        return error;
    }
}
