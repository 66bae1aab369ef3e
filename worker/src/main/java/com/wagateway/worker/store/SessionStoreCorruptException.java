package com.wagateway.worker.store;

import java.io.IOException;

/**
 * A stored entry exists but cannot be read back: corrupt or truncated, encrypted under another
 * {@code SESSION_STORE_KEY}, moved from another session, or encrypted while no key is configured. The message is
 * meant for the session's {@code error} status; it never carries key material or content.
 */
public class SessionStoreCorruptException extends IOException {

    private final String sessionId;

    public SessionStoreCorruptException(String sessionId, String message) {
        super(message);
        this.sessionId = sessionId;
    }

    public SessionStoreCorruptException(String sessionId, String message, Throwable cause) {
        super(message, cause);
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
