package com.wagateway.whatsapp.pairing;

/** A pairing QR string that is not in the form {@link PairingQr#parse} accepts. */
public final class PairingQrException extends Exception {

    public PairingQrException(String message) {
        super(message);
    }
}
