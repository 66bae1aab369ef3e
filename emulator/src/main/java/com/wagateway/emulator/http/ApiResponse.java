package com.wagateway.emulator.http;

import java.util.Map;

/** A JSON answer of the admin API: status and body (serialized with Jackson). */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    /** A non-JSON answer (e.g. the media certificate as PEM). */
    public static ApiResponse raw(String contentType, String text) {
        return new ApiResponse(200, new Raw(contentType, text));
    }

    /** A body sent as is, with its content type. */
    public record Raw(String contentType, String text) {
    }

    /** The error envelope every failing call returns: {@code {"error":"…"}}. */
    public static ApiResponse error(int status, String message) {
        return new ApiResponse(status, Map.of("error", message));
    }
}
