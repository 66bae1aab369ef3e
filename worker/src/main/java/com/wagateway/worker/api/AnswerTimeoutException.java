package com.wagateway.worker.api;

import org.springframework.http.HttpStatus;

/** 504: the command was accepted but its answer (from the engine, or WhatsApp behind it) did not come in time. */
public final class AnswerTimeoutException extends ApiException {

    public AnswerTimeoutException(String sessionId, String message) {
        super(HttpStatus.GATEWAY_TIMEOUT, message, sessionId);
    }
}
