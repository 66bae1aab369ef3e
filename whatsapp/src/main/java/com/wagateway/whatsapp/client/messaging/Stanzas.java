package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Node;
import java.util.concurrent.CompletableFuture;

/** The session's current connection as messaging sees it; every call is made on the session's serial executor. */
public interface Stanzas {

    boolean isOpen();

    /** Sends one node; dropped when not connected. */
    void send(Node node);

    /** Sends an IQ and completes with its answer on the serial executor, or fails (error child, timeout, end). */
    CompletableFuture<Node> query(Node iq);

    /** A fresh stanza id (usync {@code sid}). */
    String nextId();

    /** The plain {@code <ack>} the client owes for a delivered stanza (fact sheet §10.7). */
    void ack(Node stanza);
}
