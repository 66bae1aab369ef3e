package com.wagateway.worker.connector;

/** The WhatsApp client could not do what was asked; the message is safe to publish (no secrets, no bodies). */
public class ConnectorException extends Exception {
    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
