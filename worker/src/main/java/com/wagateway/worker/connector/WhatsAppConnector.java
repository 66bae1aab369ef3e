package com.wagateway.worker.connector;

/**
 * What the session engine needs from a WhatsApp client: open a connection for a session and be told what happens
 * on it. The engine calls it from the session's own serial executor, so calls for one session never overlap; the
 * implementation may call the {@link ConnectionListener} from any thread (the engine re-serialises those calls).
 *
 * <p>Credentials are the implementation's business (it keeps them in the session store); the engine only decides
 * when they are deleted (logout, delete) and when they are kept (disconnect, restart).
 */
public interface WhatsAppConnector {

    /**
     * Starts connecting and returns at once; progress (QR code, connected, failures) arrives on {@code listener}.
     *
     * @throws ConnectorException when the connection cannot even be started
     */
    Connection connect(SessionSpec session, ConnectionListener listener) throws ConnectorException;

    /**
     * Logs a session out that has stored credentials but no open connection: logs in from them just long enough to
     * tell WhatsApp to remove the companion device, then closes. Blocks (bounded by the request timeout); nothing
     * is reported to any {@link ConnectionListener}. The engine deletes the credentials afterwards either way.
     *
     * @throws ConnectorException when the login or the removal failed or was not answered in time
     */
    void logoutStored(SessionSpec session) throws ConnectorException;
}
