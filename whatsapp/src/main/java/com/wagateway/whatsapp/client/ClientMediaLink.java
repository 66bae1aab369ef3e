package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaSession;
import com.wagateway.whatsapp.media.MediaTransferException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The client's connection as media transfers see it: calls from any thread are posted to the serial executor, and
 * go out only on a logged-in connection.
 */
final class ClientMediaLink implements MediaSession {

    private final SerialExecutor serial;
    private final Supplier<NodeConnection> loggedIn;
    private volatile Jid me;

    /** @param loggedIn the current connection when logged in, else null; called on the serial executor only */
    ClientMediaLink(SerialExecutor serial, Supplier<NodeConnection> loggedIn) {
        this.serial = serial;
        this.loggedIn = loggedIn;
    }

    /** On login: the account the media-retry request is addressed to. */
    void loggedIn(Jid account) {
        me = account;
    }

    @Override
    public CompletableFuture<Node> query(Node iq) {
        CompletableFuture<Node> result = new CompletableFuture<>();
        serial.execute(() -> {
            NodeConnection c = loggedIn.get();
            if (c == null) {
                result.completeExceptionally(notConnected());
                return;
            }
            c.query(iq).whenComplete((answer, error) -> {
                if (error == null) {
                    result.complete(answer);
                } else {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    result.completeExceptionally(cause instanceof IqException iq2
                            && iq2.code() == IqException.CONNECTION_ENDED ? notConnected() : cause);
                }
            });
        });
        return result;
    }

    @Override
    public CompletableFuture<Boolean> send(Node node) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        serial.execute(() -> {
            NodeConnection c = loggedIn.get();
            if (c != null) {
                c.send(node);
            }
            result.complete(c != null);
        });
        return result;
    }

    @Override
    public Jid me() {
        return me;
    }

    private static MediaTransferException notConnected() {
        return new MediaTransferException(MediaTransferException.Reason.NOT_CONNECTED, "not logged in");
    }
}
