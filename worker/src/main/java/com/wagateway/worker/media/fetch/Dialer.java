package com.wagateway.worker.media.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The only way a fetch opens a TCP connection: every socket the HTTP client creates connects through this. Production
 * uses {@link #DIRECT}; tests install one that fails the test when asked for anything but loopback, so a guard that
 * lets a private or metadata address through breaks a test instead of sending a packet there.
 */
@FunctionalInterface
public interface Dialer {

    /**
     * Connects to {@code address} by calling {@code connect} (which performs the socket's own connect), or throws.
     */
    void dial(InetSocketAddress address, int timeoutMillis, Connect connect) throws IOException;

    /** The socket's real connect. */
    @FunctionalInterface
    interface Connect {
        void to(InetSocketAddress address, int timeoutMillis) throws IOException;
    }

    Dialer DIRECT = (address, timeoutMillis, connect) -> connect.to(address, timeoutMillis);
}
