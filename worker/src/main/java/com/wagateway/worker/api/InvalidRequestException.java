package com.wagateway.worker.api;

import org.springframework.http.HttpStatus;

/** 400: the request is malformed or a field breaks a rule; the message names the field. */
public final class InvalidRequestException extends ApiException {

    public InvalidRequestException(String message) {
        this(message, null);
    }

    public InvalidRequestException(String message, String sessionId) {
        super(HttpStatus.BAD_REQUEST, message, sessionId);
    }
}
