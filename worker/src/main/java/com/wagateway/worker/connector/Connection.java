package com.wagateway.worker.connector;

/** One open (or opening, or reconnecting) WhatsApp connection of one session. */
public interface Connection {

    /** Sends one message; the outcome is {@code sent} once WhatsApp's server took it, else {@code failed}. */
    SendResult send(OutboundMessage message) throws ConnectorException;

    /**
     * Phone-number pairing on a connection waiting for a scan: asks WhatsApp for the 8-character code
     * ({@code ABCD-1234}) the user types on the phone. Blocks, bounded by the implementation.
     *
     * @param phoneDigits the account's number, digits only with the country code
     * @throws ConnectorException when the connection is not waiting to pair or the server refused
     */
    String requestPairingCode(String phoneDigits) throws ConnectorException;

    /** Closes the connection and keeps the credentials: a later connect needs no QR scan. */
    void disconnect();

    /** Logs the linked device out at WhatsApp, then closes. The engine deletes the credentials afterwards. */
    void logout() throws ConnectorException;
}
