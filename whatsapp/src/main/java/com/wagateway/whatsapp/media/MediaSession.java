package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.util.concurrent.CompletableFuture;

/** What media transfers need of the session's connection; callable from any thread. */
public interface MediaSession {

    /**
     * Sends an IQ and completes with its result; fails with a {@link MediaTransferException}
     * ({@link MediaTransferException.Reason#NOT_CONNECTED}) when not logged in.
     */
    CompletableFuture<Node> query(Node iq);

    /** Sends a stanza; false when not logged in (nothing was sent). */
    CompletableFuture<Boolean> send(Node node);

    /** The own account JID, null before the first login. */
    Jid me();
}
