package com.wagateway.whatsapp.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Duration;

/** Calls the application's listener and contains what it throws: a broken listener must not break the client. */
final class GuardedListener implements SessionListener {

    private static final System.Logger LOG = System.getLogger(GuardedListener.class.getName());

    private final SessionListener delegate;
    private final String sessionId;

    GuardedListener(SessionListener delegate, String sessionId) {
        this.delegate = delegate;
        this.sessionId = sessionId;
    }

    @Override
    public void qr(String qrString) {
        guard("qr", () -> delegate.qr(qrString));
    }

    @Override
    public void connected(Jid me, Jid lid) {
        guard("connected", () -> delegate.connected(me, lid));
    }

    @Override
    public void reconnecting(CloseReason reason, int attempt, Duration delay) {
        guard("reconnecting", () -> delegate.reconnecting(reason, attempt, delay));
    }

    @Override
    public void closed(CloseReason reason) {
        guard("closed", () -> delegate.closed(reason));
    }

    @Override
    public void messageStatus(MessageStatusUpdate update) {
        guard("messageStatus", () -> delegate.messageStatus(update));
    }

    @Override
    public CompletionStage<Void> messageReceived(IncomingMessage message) {
        try {
            CompletionStage<Void> kept = delegate.messageReceived(message);
            return kept == null ? CompletableFuture.failedFuture(new IllegalStateException("listener returned null"))
                    : kept;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "event=listener_failed sessionId=" + sessionId
                    + " callback=messageReceived", e);
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void messageUndecryptable(String messageId, Jid from, String reason) {
        guard("messageUndecryptable", () -> delegate.messageUndecryptable(messageId, from, reason));
    }

    private void guard(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "event=listener_failed sessionId=" + sessionId + " callback="
                    + callback, e);
        }
    }
}
