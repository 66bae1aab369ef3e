package com.wagateway.whatsapp.transport;

/**
 * The outgoing half of any WebSocket server connection, so {@link NoiseServerConnection} works over
 * whichever server library hosts it (Java-WebSocket in tests, something else in the emulator).
 */
public interface ByteSink {

    /** Sends one binary WebSocket message. Called under the connection's send lock, in order. */
    void send(byte[] bytes);

    /** Closes the underlying connection (after a protocol failure or on request). */
    void close();
}
