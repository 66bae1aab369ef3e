package com.wagateway.worker.api;

import org.springframework.http.HttpStatus;

/** 409: the session exists but its state does not allow the request (the message says what it needs). */
public final class SessionStateConflictException extends ApiException {

    public SessionStateConflictException(String sessionId, String message) {
        super(HttpStatus.CONFLICT, message, sessionId);
    }
}
