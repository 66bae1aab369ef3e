package com.wagateway.worker.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes the error envelope from places that run before Spring MVC (filters, the servlet error page). */
final class ErrorResponseWriter {

    private final JsonMapper json;

    ErrorResponseWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, int status, String error) throws IOException {
        if (response.isCommitted()) {
            return; // too late to change anything; the client already has a status line
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(Envelope.failure(error)));
        response.flushBuffer();
    }
}
