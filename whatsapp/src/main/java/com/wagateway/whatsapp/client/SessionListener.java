package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.jid.Jid;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a {@link WhatsAppClient} reports. Calls for one client never overlap and arrive in order; they may come on
 * any thread, so implementations hand work off rather than block.
 */
public interface SessionListener {

    /** Pairing needs a scan: the full QR text (fact sheet §6 step 4). Called again on each ref rotation. */
    void qr(String qrString);

    /**
     * Logged in and open (after the post-login queries). {@code me} is the device's phone-number JID
     * ({@code 6281234567890:3@s.whatsapp.net}); {@code lid} its LID, or null when the server gave none.
     * Credentials are already written.
     */
    void connected(Jid me, Jid lid);

    /** The connection dropped; the client tries again after {@code delay} (attempt 1 is the first retry). */
    void reconnecting(CloseReason reason, int attempt, Duration delay);

    /** The client stopped for good with this reason; no more calls follow. */
    void closed(CloseReason reason);

    /** A later status of a message this device sent: delivered, read, played, or failed after the server took it. */
    default void messageStatus(MessageStatusUpdate update) {
    }

    /**
     * A message from another device, decrypted. The client sends the delivery receipt and the ack (after which the
     * server forgets the message) only when the returned stage completes normally, so the application completes it
     * once the message is safely kept (e.g. durably published). If it fails or does not complete in time, the client
     * does not ack and the server delivers the message again later.
     */
    default CompletionStage<Void> messageReceived(IncomingMessage message) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A message that could not be decrypted; a retry receipt was sent (while retries remain) and the session goes on.
     * {@code reason} names the failure, never key material.
     */
    default void messageUndecryptable(String messageId, Jid from, String reason) {
    }
}
