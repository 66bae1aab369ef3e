package com.wagateway.worker.api;

import org.springframework.http.HttpStatus;

/** 404: no stored media for this message (never received, not media, not stored, or removed by retention). */
public final class MediaNotFoundException extends ApiException {

    public MediaNotFoundException(String sessionId, String messageId) {
        super(HttpStatus.NOT_FOUND, "Media not found: " + messageId, sessionId);
    }
}
