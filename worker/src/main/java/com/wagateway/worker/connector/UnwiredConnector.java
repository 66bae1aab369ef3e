package com.wagateway.worker.connector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector of this build: the in-house WhatsApp client (module {@code whatsapp}) is not connected to the
 * engine yet (issue 6). Every connect fails honestly, so a created session ends in {@code error} with this reason
 * instead of pretending to pair. Replace this bean, do not extend it.
 */
public final class UnwiredConnector implements WhatsAppConnector {

    public static final String REASON = "whatsapp client not yet wired (issue 6)";

    private static final Logger log = LoggerFactory.getLogger(UnwiredConnector.class);

    public UnwiredConnector() {
        log.warn("connector unavailable reason=\"{}\" (sessions will end in status=error)", REASON);
    }

    @Override
    public Connection connect(SessionSpec session, ConnectionListener listener) throws ConnectorException {
        log.warn("connect refused sessionId={} reason=\"{}\"", session.sessionId(), REASON);
        throw new ConnectorException(REASON);
    }
}
