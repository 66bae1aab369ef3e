package com.wagateway.worker.api;

import java.io.IOException;

/**
 * Thrown while reading a request body that turns out bigger than the limit (a chunked body has no
 * {@code Content-Length} to check up front). An {@link IOException} because that is what a stream may throw;
 * {@link ApiExceptionHandler} finds it in the cause chain and answers 413.
 */
public final class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    static String message(long limit) {
        return "Request body too large: the limit is " + limit + " bytes";
    }
}
