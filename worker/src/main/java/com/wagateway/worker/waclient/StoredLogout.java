package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.CloseAction;
import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to a client started only to log a disconnected session out. {@link #ready} completes with true once the
 * client is logged in (the removal can be asked for), with false when there is no linked device to remove (the
 * credentials were never paired, so the server offers a QR; or the server already logged the device out), and fails
 * on anything else (a drop, a refusal), so the caller never waits for a reconnect loop or a pairing.
 */
final class StoredLogout implements SessionListener {

    private static final Logger log = LoggerFactory.getLogger(StoredLogout.class);

    final CompletableFuture<Boolean> ready = new CompletableFuture<>();
    private final String sessionId;

    StoredLogout(String sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public void qr(String qrString) {
        log.info("logout without a connection: credentials never paired, no device to remove sessionId={}", sessionId);
        ready.complete(false);
    }

    @Override
    public void connected(Jid me, Jid lid) {
        log.info("whatsapp logged in to log out sessionId={} device={}", sessionId, me.device());
        ready.complete(true);
    }

    @Override
    public void reconnecting(CloseReason reason, int attempt, Duration delay) {
        switch (reason.action()) {
            case RESTART -> { } // the server asks for a fresh login: part of logging in
            default -> end(reason);
        }
    }

    @Override
    public void closed(CloseReason reason) {
        end(reason);
    }

    private void end(CloseReason reason) {
        if (reason.action() == CloseAction.LOGGED_OUT) {
            log.info("logout without a connection: the server no longer knows the device sessionId={} reason=\"{}\"",
                    sessionId, reason.description());
            ready.complete(false);
        } else {
            ready.completeExceptionally(new IllegalStateException(reason.description()));
        }
    }
}
