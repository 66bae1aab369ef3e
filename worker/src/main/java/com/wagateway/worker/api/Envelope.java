package com.wagateway.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The spec's response envelope: {@code {"success":true,"data":…}}, {@code {"success":true,"message":…}} or
 * {@code {"success":false,"error":…}}. Absent parts are omitted, never sent as {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope<T>(boolean success, T data, String message, String error) {

    public static <T> Envelope<T> ok(T data) {
        return new Envelope<>(true, data, null, null);
    }

    public static Envelope<Void> okMessage(String message) {
        return new Envelope<>(true, null, message, null);
    }

    public static Envelope<Void> failure(String error) {
        return new Envelope<>(false, null, null, error);
    }

    /** A failure that still carries data, e.g. a send that failed but has a message id the caller can track. */
    public static <T> Envelope<T> failure(String error, T data) {
        return new Envelope<>(false, data, null, error);
    }
}
