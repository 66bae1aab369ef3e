package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.client.messaging.MessageSendException;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectorException;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.connector.SendResult;
import com.wagateway.worker.media.MediaObserver;
import com.wagateway.worker.message.MessageType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One session's {@link WhatsAppClient} as the engine's {@link Connection}. */
final class ClientConnection implements Connection {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    /** A media send on a connection built without media support (tools, tests); the worker always has it. */
    static final String NO_MEDIA = "media messages cannot be sent by this connection";
    /**
     * How long after the client's own ack timeout this connection stops waiting for the client's answer. The
     * client fails an unacknowledged message itself when its ack timeout ({@code WA_SEND_ACK_TIMEOUT}, the same
     * value) runs out, and a message it failed is never sent afterwards; so only this connection giving up first
     * could report {@code failed} for a message the client may still send. The margin only guards against a
     * client that never answers at all (a bug), so the engine's bookkeeping is still bounded.
     */
    static final Duration CLIENT_ANSWER_MARGIN = Duration.ofSeconds(5);

    private final String sessionId;
    private final WhatsAppClient client;
    private final Duration requestTimeout;
    private final Duration sendAckTimeout;
    private final Clock clock;
    private final MediaSender media;
    private final MediaObserver mediaObserver;
    /**
     * The order sends are handed to the client in. Media is prepared in parallel (fetch, inspection, upload), but a
     * text sent after an image must not reach WhatsApp first: the client sends in the order it is handed messages.
     */
    private final SendOrder order;

    ClientConnection(WhatsAppClient client, Duration requestTimeout, Duration sendAckTimeout) {
        this(client, requestTimeout, sendAckTimeout, Clock.systemUTC());
    }

    /** @param sendAckTimeout the client's own message ack timeout ({@code ClientConfig.messageAckTimeout}) */
    ClientConnection(WhatsAppClient client, Duration requestTimeout, Duration sendAckTimeout, Clock clock) {
        this(null, client, requestTimeout, sendAckTimeout, clock, null, MediaObserver.NONE);
    }

    /** @param media how media sends are prepared (fetch, inspect, upload); null refuses media sends */
    ClientConnection(String sessionId, WhatsAppClient client, Duration requestTimeout, Duration sendAckTimeout,
                     Clock clock, MediaSender media, MediaObserver mediaObserver) {
        this.sessionId = sessionId;
        this.order = new SendOrder(sessionId);
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.sendAckTimeout = sendAckTimeout;
        this.clock = clock;
        this.media = media;
        this.mediaObserver = mediaObserver;
    }

    /**
     * Text goes to the client, which completes on the server's ack and fails the message itself on a nack, an
     * error or when its ack timeout runs out. Media is first prepared on the media executor (fetched, inspected,
     * uploaded; {@link MediaSender}), then sent the same way; a refusal or failure on the way is {@code failed}
     * with the reason. Messages are handed to the client in the order of the calls (the session's command order):
     * a text after an image waits until the image is handed over or has failed, which its preparation time limit
     * bounds, so a send waits at most {@link MediaSender#prepareTimeout} for the ones before it.
     */
    @Override
    public CompletableFuture<SendResult> send(OutboundMessage message) {
        Jid to = Jid.tryParse(message.to());
        if (message.type() != MessageType.TEXT) {
            return sendMedia(message, to);
        }
        if (message.text() == null || message.text().isEmpty()) {
            return Connection.failedAtOnce("a text message needs a non-empty text");
        }
        if (to == null) {
            return Connection.failedAtOnce("not a valid recipient: " + message.to());
        }
        return inTurn(order.take(), message, () -> client.sendText(message.messageId(), to, message.text()));
    }

    /** Hands the message over once its turn has come; the turn passes on as soon as it was handed over. */
    private CompletableFuture<SendResult> inTurn(SendOrder.Turn turn, OutboundMessage message,
                                                 Supplier<CompletableFuture<SentMessage>> send) {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        turn.run(() -> handOver(message, send).whenComplete((r, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(r);
            }
        }));
        return result;
    }

    /**
     * Hands the message to the client now that its turn has come and answers the outcome (whose bound counts from
     * here: the wait for the turn is not the client's time).
     */
    private CompletableFuture<SendResult> handOver(OutboundMessage message,
                                                   Supplier<CompletableFuture<SentMessage>> send) {
        CompletableFuture<SentMessage> sending;
        try {
            sending = send.get();
        } catch (RuntimeException e) {
            sending = CompletableFuture.failedFuture(e);
        }
        return outcome(message, sending);
    }

    private CompletableFuture<SendResult> sendMedia(OutboundMessage message, Jid to) {
        String type = message.type().wire();
        if (media == null) {
            return Connection.failedAtOnce(NO_MEDIA + " (type " + type + ")");
        }
        if (message.mediaUrl() == null || message.mediaUrl().isBlank()) {
            return Connection.failedAtOnce("media.url is required for type " + type);
        }
        if (to == null) {
            return Connection.failedAtOnce("not a valid recipient: " + message.to());
        }
        SendOrder.Turn turn = order.take();
        CompletableFuture<MediaSender.Built> prepared;
        try {
            prepared = media.prepare(sessionId, client, message);
        } catch (RuntimeException e) {
            // a preparation that could not even start must still give up its turn, or every later send would wait
            prepared = CompletableFuture.failedFuture(e);
        }
        return prepared.handle((built, error) -> {
            if (error != null) {
                // nothing to hand over, so the failure is told at once; the turn passes on once the sends before
                // this one are handed over
                turn.giveUp();
                Throwable cause = unwrap(error);
                boolean refused = cause instanceof MediaSender.MediaSendFailure f && f.refused();
                String reason = cause instanceof MediaSender.MediaSendFailure ? cause.getMessage()
                        : "media send failed: " + FailureText.message(cause);
                mediaObserver.sendFailed(type, refused);
                log.info("media send failed before sending sessionId={} messageId={} type={} refused={} "
                        + "reason=\"{}\"", sessionId, message.messageId(), type, refused, reason);
                return CompletableFuture.completedFuture(SendResult.failed(clock.instant(), reason));
            }
            return inTurn(turn, message,
                    () -> client.sendMessage(message.messageId(), to, built.content())).thenApply(r -> {
                        if (r.sent()) {
                            mediaObserver.sent(type, built.size());
                        } else {
                            mediaObserver.sendFailed(type, false);
                        }
                        return r;
                    });
        }).thenCompose(f -> f);
    }

    /** The client's answer to a send, as the engine's outcome; bounded by {@link #ackBound} after the send. */
    private CompletableFuture<SendResult> outcome(OutboundMessage message, CompletableFuture<SentMessage> sending) {
        Duration backstop = ackBound();
        return sending.copy().orTimeout(backstop.toMillis(), TimeUnit.MILLISECONDS).handle((sent, error) -> {
            if (error == null) {
                return SendResult.sent(sent.serverTimestamp() != null ? sent.serverTimestamp() : clock.instant());
            }
            Throwable cause = unwrap(error);
            if (cause instanceof MessageSendException e && MessageSendException.TIMEOUT.equals(e.reason())) {
                return SendResult.failed(clock.instant(), noAck());
            }
            if (cause instanceof TimeoutException) {
                // the same outcome for the Backend; the log tells it apart (a client that broke its own timeout)
                log.warn("send outcome not given by the whatsapp client within its ack timeout and margin, failed "
                        + "messageId={} waitedSec={}", message.messageId(), backstop.toSeconds());
                return SendResult.failed(clock.instant(), noAck());
            }
            return SendResult.failed(clock.instant(), "send failed: " + FailureText.message(cause));
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** The client's ack timeout and the margin after which this connection gives up waiting for the client. */
    private Duration ackBound() {
        return sendAckTimeout.plus(CLIENT_ANSWER_MARGIN);
    }

    /**
     * The ack bound, plus for a connection that sends media the time its preparation may take (fetch, inspection,
     * upload: {@link MediaSender#prepareTimeout}), which comes before the message is handed to the client.
     */
    @Override
    public Duration sendOutcomeBound() {
        return media == null ? ackBound() : ackBound().plus(media.prepareTimeout());
    }

    private String noAck() {
        return "no ack from WhatsApp within " + sendAckTimeout.toSeconds() + "s";
    }

    @Override
    public String requestPairingCode(String phoneDigits) throws ConnectorException {
        return await(client.requestPairingCode(phoneDigits), "pairing code request");
    }

    @Override
    public void disconnect() {
        client.close();
    }

    @Override
    public void logout() throws ConnectorException {
        try {
            await(client.logout(), "logout");
        } finally {
            client.close(); // the server did not confirm: stop all the same, the engine deletes the credentials
        }
    }

    <T> T await(CompletableFuture<T> future, String what) throws ConnectorException {
        try {
            return future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ConnectorException(what + " not answered by WhatsApp within " + requestTimeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new ConnectorException(what + " failed: " + FailureText.message(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(what + " interrupted");
        }
    }
}
