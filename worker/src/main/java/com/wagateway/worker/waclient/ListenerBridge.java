package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.MessageStatusUpdate;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.connector.ConnectionListener;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.worker.connector.ConnectionListener.InboundMedia;
import com.wagateway.worker.connector.ConnectionListener.InboundMessage;
import com.wagateway.worker.message.MessageStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's reports, told to the engine in its words. Every close reason the client knows maps to exactly one
 * engine report here (the switches are exhaustive over {@code CloseAction}), so a 401 after a restart-required is
 * whatever the client classified it as, never guessed again.
 */
final class ListenerBridge implements SessionListener {

    static final String QR_NOT_SCANNED = "QR code not scanned in time: every QR code expired unscanned; "
            + "restart the session to get new ones";

    private static final Logger log = LoggerFactory.getLogger(ListenerBridge.class);

    private final String sessionId;
    private final ConnectionListener engine;
    private final UndecryptableCounter undecryptable;
    private final MediaReception media;
    /** The client this bridge listens to: known only once started, and a message may come before that returns. */
    private final CompletableFuture<WhatsAppClient> client = new CompletableFuture<>();

    ListenerBridge(String sessionId, ConnectionListener engine) {
        this(sessionId, engine, UndecryptableCounter.NONE);
    }

    ListenerBridge(String sessionId, ConnectionListener engine, UndecryptableCounter undecryptable) {
        this(sessionId, engine, undecryptable, null);
    }

    /** @param media stores received media before the message is published; null publishes without fetching it */
    ListenerBridge(String sessionId, ConnectionListener engine, UndecryptableCounter undecryptable,
                   MediaReception media) {
        this.sessionId = sessionId;
        this.engine = engine;
        this.undecryptable = undecryptable;
        this.media = media;
    }

    /** The client started with this bridge; media downloads wait for it. */
    void attach(WhatsAppClient started) {
        client.complete(started);
    }

    @Override
    public void qr(String qrString) {
        engine.qrCode(qrString);
    }

    @Override
    public void connected(Jid me, Jid lid) {
        log.info("whatsapp connected sessionId={} device={}", sessionId, me.device());
        engine.connected("+" + me.user());
    }

    @Override
    public void reconnecting(CloseReason reason, int attempt, Duration delay) {
        log.info("whatsapp reconnecting sessionId={} action={} code={} attempt={} delayMs={} reason=\"{}\"", sessionId,
                reason.action(), reason.code(), attempt, delay.toMillis(), reason.description());
        switch (reason.action()) {
            // part of pairing (the server asks for a fresh login once paired): not a drop, nothing to publish
            case RESTART -> { }
            case CLIENT_OUTDATED -> engine.retryingRefused(reason.description());
            case RECONNECT, LOGGED_OUT, REPLACED, QR_EXPIRED, CLOSED_BY_CLIENT, FATAL ->
                    engine.reconnecting(reason.description());
        }
    }

    @Override
    public void closed(CloseReason reason) {
        log.info("whatsapp closed sessionId={} action={} code={} reason=\"{}\"", sessionId, reason.action(),
                reason.code(), reason.description());
        switch (reason.action()) {
            case CLOSED_BY_CLIENT -> { } // the engine asked for it and already knows
            case LOGGED_OUT -> engine.loggedOut(reason.description());
            case REPLACED -> engine.disconnected(reason.description());
            case QR_EXPIRED -> engine.disconnected(QR_NOT_SCANNED);
            case RECONNECT -> engine.failed("gave up reconnecting: " + reason.description());
            case RESTART, CLIENT_OUTDATED, FATAL -> engine.failed(reason.description());
        }
    }

    /**
     * Receipts in the contract's statuses: played (a voice note listened to) counts as read, the spec has no
     * status for it. Whether the status moves forward is the engine's business (it remembers recent messages).
     */
    @Override
    public void messageStatus(MessageStatusUpdate update) {
        MessageStatus status = switch (update.status()) {
            case DELIVERED -> MessageStatus.DELIVERED;
            case READ, PLAYED -> MessageStatus.READ;
            case FAILED -> MessageStatus.FAILED;
        };
        String error = status == MessageStatus.FAILED
                ? (update.error() == null ? "WhatsApp reported the message failed" : update.error()) : null;
        engine.messageStatus(update.messageId(), status, error);
    }

    /**
     * The engine's stage as is: it completes once the event is acknowledged by Kafka, so the client sends the
     * receipt and the ack (after which WhatsApp forgets the message) only for a message that is kept.
     */
    @Override
    public CompletionStage<Void> messageReceived(IncomingMessage m) {
        InboundMessage inbound = inbound(m);
        if (m.media() == null) {
            return engine.messageReceived(inbound);
        }
        if (media == null) {
            return engine.messageReceived(inbound.withMedia(InboundMedia.failed(m.media().mimetype(),
                    m.media().fileLength() > 0 ? m.media().fileLength() : null, null, m.media().seconds(),
                    m.media().ptt(), "media not stored: this worker keeps no media")));
        }
        // The file first, then the event that points at it: the client acks only after this stage, so a crash in
        // between makes WhatsApp deliver the message again rather than lose it. The reception never fails and ends
        // within its one deadline (waiting for the client's start is part of it); the client keeps the message
        // unacked at least that long (ClientSettings: the keep-timeout).
        CompletionStage<InboundMedia> received;
        try {
            received = media.receive(sessionId, client, m);
        } catch (RuntimeException e) {
            // a failure before the reception's own handling must still publish (and so ack) the message, or it
            // would come back on every login
            received = CompletableFuture.failedFuture(e);
        }
        return received.exceptionally(e -> InboundMedia.failed(m.media().mimetype(),
                        m.media().fileLength() > 0 ? m.media().fileLength() : null,
                        MediaReception.fileName(m, m.media()), m.media().seconds(), m.media().ptt(),
                        "media not stored: " + FailureText.of(e)))
                .thenCompose(stored -> engine.messageReceived(inbound.withMedia(stored)));
    }

    /** Counted and logged; the client already asked the sender to retry and the session goes on. */
    @Override
    public void messageUndecryptable(String messageId, Jid from, String reason) {
        undecryptable.increment();
        log.warn("message undecryptable sessionId={} messageId={} from={} reason=\"{}\"", sessionId, messageId,
                from, reason);
    }

    /** The client's message in the engine's words: user JIDs without the device part, as the Backend knows them. */
    static InboundMessage inbound(IncomingMessage m) {
        Jid chat = m.chat();
        return new InboundMessage(m.messageId(), user(m.sender()), user(m.to()), m.type(), m.text(), m.timestamp(),
                user(chat), user(m.senderLid()), m.pushName(), m.fromMe());
    }

    private static String user(Jid jid) {
        return jid == null ? null : jid.toNormalizedUser().toString();
    }
}
