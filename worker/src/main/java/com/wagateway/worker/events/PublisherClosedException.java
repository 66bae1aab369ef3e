package com.wagateway.worker.events;

/** The worker is shutting down and an event could not be made durable; the command that caused it stays uncommitted. */
public class PublisherClosedException extends RuntimeException {
    public PublisherClosedException(String message) {
        super(message);
    }
}
