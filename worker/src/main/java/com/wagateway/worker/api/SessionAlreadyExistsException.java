package com.wagateway.worker.api;

import org.springframework.http.HttpStatus;

/** 409: {@code POST /api/session/create} for an id that is already live (restart or delete it instead). */
public final class SessionAlreadyExistsException extends ApiException {

    public SessionAlreadyExistsException(String sessionId, String status) {
        super(HttpStatus.CONFLICT, "Session already exists: " + sessionId + " (status " + status
                + "); restart it or delete it first", sessionId);
    }
}
