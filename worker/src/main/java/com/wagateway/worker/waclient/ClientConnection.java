package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectorException;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.connector.SendResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One session's {@link WhatsAppClient} as the engine's {@link Connection}. */
final class ClientConnection implements Connection {

    static final String MESSAGING_NOT_IMPLEMENTED = "messaging not implemented yet (issue 7)";

    private final WhatsAppClient client;
    private final Duration requestTimeout;

    ClientConnection(WhatsAppClient client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /** Sending arrives with issue 7; until then every send fails, saying so, rather than pretending. */
    @Override
    public SendResult send(OutboundMessage message) throws ConnectorException {
        throw new ConnectorException(MESSAGING_NOT_IMPLEMENTED);
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
            Throwable cause = e.getCause();
            throw new ConnectorException(what + " failed: " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(what + " interrupted");
        }
    }
}
