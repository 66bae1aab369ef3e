package com.wagateway.whatsapp.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One WhatsApp Web companion session: connects, pairs (QR or phone code) when the store holds no credentials,
 * logs in, keeps the connection alive and reconnects by its {@link ReconnectPolicy}. Everything it learns arrives
 * on the {@link SessionListener}.
 *
 * <p>API skeleton for issue 6; the implementation follows.
 */
public final class WhatsAppClient {

    private WhatsAppClient() {}

    /**
     * Reads the credentials (none: a new device that will pair) and starts connecting; returns at once.
     *
     * @param sessionId for logs only
     * @throws IOException when the stored credentials cannot be read
     */
    public static WhatsAppClient start(String sessionId, ClientConfig config, ClientRuntime runtime,
                                       CredentialStore store, SessionListener listener) throws IOException {
        throw new UnsupportedOperationException("issue 6: client not implemented yet");
    }

    /**
     * Phone-number pairing (§7) on the current unpaired connection: completes with the 8-character code shown as
     * {@code ABCD-1234}; fails when the session is already paired or not connected to the server.
     */
    public CompletableFuture<String> requestPairingCode(String phoneNumberDigits) {
        throw new UnsupportedOperationException("issue 6: client not implemented yet");
    }

    /**
     * Tells the server to remove this companion device (§8.5), then closes; {@link SessionListener#closed} follows
     * with {@link CloseAction#CLOSED_BY_CLIENT}. Fails when the server did not confirm.
     */
    public CompletableFuture<Void> logout() {
        throw new UnsupportedOperationException("issue 6: client not implemented yet");
    }

    /** Closes the connection and stops reconnecting; credentials stay (a later start logs in without a QR). */
    public void close() {
        throw new UnsupportedOperationException("issue 6: client not implemented yet");
    }
}
