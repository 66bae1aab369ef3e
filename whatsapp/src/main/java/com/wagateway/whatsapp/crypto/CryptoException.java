package com.wagateway.whatsapp.crypto;

/**
 * A cryptographic operation rejected its input (wrong key length, failed authentication tag,
 * bad padding, degenerate shared secret). Messages name the operation and the problem, never key
 * material or plaintext.
 */
public final class CryptoException extends Exception {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
