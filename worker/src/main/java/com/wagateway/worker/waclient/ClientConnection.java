package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectorException;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.connector.SendResult;
import com.wagateway.worker.message.MessageType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One session's {@link WhatsAppClient} as the engine's {@link Connection}. */
final class ClientConnection implements Connection {

    static final String MEDIA_NOT_YET = "media messages are not sent yet (issue 8); this build sends text only";

    private final WhatsAppClient client;
    private final Duration requestTimeout;
    private final Duration sendAckTimeout;

    ClientConnection(WhatsAppClient client, Duration requestTimeout, Duration sendAckTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.sendAckTimeout = sendAckTimeout;
    }

    /**
     * Text goes to the client, which completes on the server's ack; the outcome is bounded here by the send ack
     * timeout whatever the client does, so the engine's bookkeeping never waits on a lost ack. Media fails at once
     * with the reason (the REST API refuses it before, per {@code /info} capabilities; a Kafka command may still
     * carry it).
     */
    @Override
    public CompletableFuture<SendResult> send(OutboundMessage message) {
        if (message.type() != MessageType.TEXT) {
            return Connection.failedAtOnce(MEDIA_NOT_YET + " (type " + message.type().wire() + ")");
        }
        if (message.text() == null || message.text().isEmpty()) {
            return Connection.failedAtOnce("a text message needs a non-empty text");
        }
        Jid to = Jid.tryParse(message.to());
        if (to == null) {
            return Connection.failedAtOnce("not a valid recipient: " + message.to());
        }
        CompletableFuture<SentMessage> sending;
        try {
            sending = client.sendText(message.messageId(), to, message.text());
        } catch (RuntimeException e) {
            return Connection.failedAtOnce("send failed: " + reason(e));
        }
        return sending.orTimeout(sendAckTimeout.toMillis(), TimeUnit.MILLISECONDS).handle((sent, error) -> {
            if (error == null) {
                return SendResult.sent(sent.serverTimestamp() != null ? sent.serverTimestamp() : Instant.now());
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                sending.cancel(false);
                return SendResult.failed(Instant.now(), "no ack from WhatsApp within " + sendAckTimeout.toSeconds() + "s");
            }
            return SendResult.failed(Instant.now(), "send failed: " + reason(cause));
        });
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
            throw new ConnectorException(what + " failed: " + reason(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(what + " interrupted");
        }
    }

    private static String reason(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
