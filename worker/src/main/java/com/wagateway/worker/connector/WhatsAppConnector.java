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
}
