package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.ClientRuntime;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectionListener;
import com.wagateway.worker.connector.ConnectorException;
import com.wagateway.worker.connector.SessionSpec;
import com.wagateway.worker.connector.WhatsAppConnector;
import com.wagateway.worker.media.MediaObserver;
import com.wagateway.worker.store.SessionStoreCorruptException;
import com.wagateway.worker.store.SessionStore;
import java.io.IOException;
import java.time.Duration;

/**
 * The engine's connector on the in-house WhatsApp client (module {@code whatsapp}): one {@link WhatsAppClient} per
 * session, its credentials in the worker's {@link SessionStore}, all clients sharing one {@link ClientRuntime}.
 * Where it connects is configuration only ({@code WA_SERVER_URL}, {@code WA_SERVER_ROOT_KEY}).
 */
public final class WhatsAppClientConnector implements WhatsAppConnector {

    private final ClientConfig config;
    private final ClientRuntime runtime;
    private final SessionStore store;
    private final Duration requestTimeout;
    private final Duration sendAckTimeout;
    private final UndecryptableCounter undecryptable;
    private final MediaServices media;

    public WhatsAppClientConnector(ClientConfig config, ClientRuntime runtime, SessionStore store,
                                   Duration requestTimeout) {
        this(config, runtime, store, requestTimeout, config.messageAckTimeout(), UndecryptableCounter.NONE);
    }

    public WhatsAppClientConnector(ClientConfig config, ClientRuntime runtime, SessionStore store,
                                   Duration requestTimeout, Duration sendAckTimeout,
                                   UndecryptableCounter undecryptable) {
        this(config, runtime, store, requestTimeout, sendAckTimeout, undecryptable, null);
    }

    /**
     * @param sendAckTimeout how long a sent message waits for the server's ack before it is reported failed; it
     *                       becomes the clients' own ack timeout, which is what fails such a message
     * @param undecryptable  told of every message a session could not decrypt (a metric)
     * @param media          media sending and receiving; null: media sends fail, received media is not fetched
     */
    WhatsAppClientConnector(ClientConfig config, ClientRuntime runtime, SessionStore store,
                            Duration requestTimeout, Duration sendAckTimeout, UndecryptableCounter undecryptable,
                            MediaServices media) {
        this.media = media;
        this.config = config.withMessageAckTimeout(sendAckTimeout);
        this.runtime = runtime;
        this.store = store;
        this.requestTimeout = requestTimeout;
        this.sendAckTimeout = sendAckTimeout;
        this.undecryptable = undecryptable;
    }

    @Override
    public Connection connect(SessionSpec session, ConnectionListener listener) throws ConnectorException {
        String id = session.sessionId();
        try {
            ListenerBridge bridge = new ListenerBridge(id, listener, undecryptable,
                    media == null ? null : media.reception());
            WhatsAppClient client = WhatsAppClient.start(id, config, runtime, new SessionCredentials(store, id),
                    bridge);
            bridge.attach(client);
            return new ClientConnection(id, client, requestTimeout, sendAckTimeout, runtime.clock(),
                    media == null ? null : media.sender(),
                    media == null ? MediaObserver.NONE : media.observer());
        } catch (SessionStoreCorruptException e) {
            throw new ConnectorException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ConnectorException("stored credentials could not be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * Starts a client from the stored credentials, waits (at most the request timeout) until it is logged in, asks
     * the server to remove the device and closes it; unpaired credentials or a device the server already logged out
     * leave nothing to remove. A client that does not get logged in is closed at once, so a
     * wrong server or a device already removed costs one attempt, never a reconnect loop.
     */
    @Override
    public void logoutStored(SessionSpec session) throws ConnectorException {
        String id = session.sessionId();
        StoredLogout listener = new StoredLogout(id);
        WhatsAppClient client;
        try {
            client = WhatsAppClient.start(id, config, runtime, new SessionCredentials(store, id), listener);
        } catch (SessionStoreCorruptException e) {
            throw new ConnectorException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ConnectorException("stored credentials could not be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        ClientConnection connection = new ClientConnection(client, requestTimeout, sendAckTimeout, runtime.clock());
        boolean linked;
        try {
            linked = connection.await(listener.ready, "login to log out");
        } catch (ConnectorException e) {
            client.close();
            throw e;
        }
        if (!linked) {
            client.close(); // nothing linked to remove
            return;
        }
        connection.logout(); // closes the client whatever the server answers
    }
}
