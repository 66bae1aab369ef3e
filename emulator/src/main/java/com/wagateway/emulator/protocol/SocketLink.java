package com.wagateway.emulator.protocol;

import com.wagateway.whatsapp.transport.ByteSink;

/** The WebSocket under one client connection, whichever server hosts it. */
public interface SocketLink extends ByteSink {

    /** Drops the TCP connection without a close handshake (a network failure, for fault injection). */
    void abort();

    /** Where the client connects from, for logs. */
    String remote();
}
