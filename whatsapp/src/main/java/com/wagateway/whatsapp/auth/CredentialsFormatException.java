package com.wagateway.whatsapp.auth;

import java.io.IOException;

/** A stored credentials or prekeys entry that cannot be used: corrupt, incomplete or of an unknown format. */
public final class CredentialsFormatException extends IOException {

    public CredentialsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
