package com.wagateway.worker.api;

/** Start-up failure: production without {@code BACKEND_AUTH_TOKEN}. The API is never served open. */
public class MissingAuthTokenException extends IllegalStateException {

    public MissingAuthTokenException() {
        super("BACKEND_AUTH_TOKEN is not set. NODE_ENV=production requires the shared Bearer token the Backend "
                + "uses to call this worker: set BACKEND_AUTH_TOKEN (property worker.auth-token) and restart.");
    }
}
