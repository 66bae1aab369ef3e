package com.wagateway.worker.waclient;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectionListener;
import com.wagateway.worker.connector.SessionSpec;
import com.wagateway.worker.connector.WhatsAppConnector;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The main code's connector classes ({@link ClientConnection}, {@link ListenerBridge}) around a stand-in for the
 * one thing that needs a server, the {@link WhatsAppClient}: a test drives what the client would report
 * ({@link #bridge}) and how the server answers sends, by the message's text: {@code nack…} fails with the text as
 * the reason, {@code silent…} is never answered (the ack timeout runs out), anything else is acknowledged at once.
 */
final class BridgedConnector implements WhatsAppConnector {

    private final Duration sendAckTimeout;
    private final UndecryptableCounter undecryptable;
    private final Map<String, ListenerBridge> bridges = new ConcurrentHashMap<>();
    final Map<String, String> sentTexts = new ConcurrentHashMap<>();

    BridgedConnector(Duration sendAckTimeout, UndecryptableCounter undecryptable) {
        this.sendAckTimeout = sendAckTimeout;
        this.undecryptable = undecryptable;
    }

    @Override
    public Connection connect(SessionSpec session, ConnectionListener listener) {
        WhatsAppClient client = mock(WhatsAppClient.class);
        when(client.sendText(anyString(), any(Jid.class), anyString())).thenAnswer(call -> {
            String id = call.getArgument(0);
            Jid to = call.getArgument(1);
            String text = call.getArgument(2);
            sentTexts.put(id, to + " " + text);
            if (text.startsWith("nack")) {
                return CompletableFuture.failedFuture(new IllegalStateException(text));
            }
            if (text.startsWith("silent")) {
                return new CompletableFuture<SentMessage>();
            }
            return CompletableFuture.completedFuture(new SentMessage(id, Instant.parse("2026-01-02T03:04:05Z")));
        });
        bridges.put(session.sessionId(), new ListenerBridge(session.sessionId(), listener, undecryptable));
        return new ClientConnection(client, Duration.ofSeconds(5), sendAckTimeout);
    }

    @Override
    public void logoutStored(SessionSpec session) {
    }

    /** What the session's client reports to the worker. */
    ListenerBridge bridge(String sessionId) {
        ListenerBridge b = bridges.get(sessionId);
        if (b == null) {
            throw new IllegalStateException("no connection for " + sessionId);
        }
        return b;
    }
}
