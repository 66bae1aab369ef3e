package com.wagateway.worker.api;

import org.springframework.http.HttpStatus;

/**
 * 400: a valid send request whose {@code type} this build cannot send yet (see {@code worker.features.message-types}
 * and {@code GET /info} capabilities). Refused up front rather than accepted and then reported as failed.
 */
public final class UnsupportedMessageTypeException extends ApiException {

    public UnsupportedMessageTypeException(String type, Iterable<String> supported, String sessionId) {
        super(HttpStatus.BAD_REQUEST, "type '" + type + "' is not supported by this worker; supported: "
                + String.join(", ", supported), sessionId);
    }
}
