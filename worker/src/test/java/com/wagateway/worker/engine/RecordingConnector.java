package com.wagateway.worker.engine;

import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectionListener;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.connector.SendResult;
import com.wagateway.worker.connector.SessionSpec;
import com.wagateway.worker.connector.WhatsAppConnector;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connector that only keeps the listener of each connection the engine opens, so a test can play WhatsApp's side
 * (statuses, received messages) through it. Sends never complete; pairing codes are a fixed one.
 */
public final class RecordingConnector implements WhatsAppConnector {

    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

    /** Listeners of the connections opened so far, oldest first. */
    public List<ConnectionListener> listeners() {
        return listeners;
    }

    @Override
    public Connection connect(SessionSpec session, ConnectionListener listener) {
        listeners.add(listener);
        return new Connection() {
            @Override public CompletableFuture<SendResult> send(OutboundMessage message) {
                return new CompletableFuture<>();
            }
            @Override public String requestPairingCode(String phoneDigits) { return "ABCD1234"; }
            @Override public void disconnect() { }
            @Override public void logout() { }
        };
    }

    @Override
    public void logoutStored(SessionSpec session) { }
}
