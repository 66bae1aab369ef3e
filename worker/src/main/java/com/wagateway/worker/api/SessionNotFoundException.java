package com.wagateway.worker.api;

import org.springframework.http.HttpStatus;

/** 404: no session with this id was created, or it was deleted. */
public final class SessionNotFoundException extends ApiException {

    public SessionNotFoundException(String sessionId) {
        super(HttpStatus.NOT_FOUND, "Session not found: " + sessionId, sessionId);
    }
}
