package com.wagateway.worker.connector;

/** One open (or opening) WhatsApp connection of one session. */
public interface Connection {

    /** Sends one message; the outcome is {@code sent} once WhatsApp's server took it, else {@code failed}. */
    SendResult send(OutboundMessage message) throws ConnectorException;

    /** Closes the connection and keeps the credentials: a later connect needs no QR scan. */
    void disconnect();

    /** Logs the linked device out at WhatsApp, then closes. The engine deletes the credentials afterwards. */
    void logout() throws ConnectorException;
}
