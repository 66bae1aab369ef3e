package com.wagateway.worker.history;

/** The history database could not be read or written; the message names the JDBC failure (never a password). */
public final class HistoryStoreException extends RuntimeException {
    public HistoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
