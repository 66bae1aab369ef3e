package com.wagateway.worker.api;

import org.springframework.http.HttpStatus;

/**
 * A request the facade refuses, with the HTTP status to answer and the message the caller sees
 * (always actionable: it names the field or the session). {@link ApiExceptionHandler} turns it into the envelope.
 */
public abstract sealed class ApiException extends RuntimeException
        permits InvalidRequestException, SessionNotFoundException, SessionAlreadyExistsException,
        UnsupportedMessageTypeException, SessionStateConflictException, AnswerTimeoutException,
        MediaNotFoundException {

    private final HttpStatus status;
    private final String sessionId;

    protected ApiException(HttpStatus status, String message, String sessionId) {
        super(message);
        this.status = status;
        this.sessionId = sessionId;
    }

    public HttpStatus status() {
        return status;
    }

    /** The session the request was about, for the log line; null when not known or not valid. */
    public String sessionId() {
        return sessionId;
    }
}
