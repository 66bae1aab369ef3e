package com.wagateway.emulator.http;

import java.util.Map;

/** A JSON answer of the admin API: status and body (serialized with Jackson). */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    /** The error envelope every failing call returns: {@code {"error":"…"}}. */
    public static ApiResponse error(int status, String message) {
        return new ApiResponse(status, Map.of("error", message));
    }
}
