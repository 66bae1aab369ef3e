package com.wagateway.worker.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** One open (or opening, or reconnecting) WhatsApp connection of one session. */
public interface Connection {

    /**
     * Starts sending one message and returns at once. The future completes with {@code sent} once WhatsApp's
     * server acknowledged the message, or {@code failed} with the reason (a nack, an error, no ack within the
     * connector's timeout, a type this build cannot send); it never stays incomplete past that timeout. It may
     * complete on any thread: the engine re-serialises the outcome onto the session. Later statuses (delivered,
     * read) arrive on {@link ConnectionListener#messageStatus}.
     */
    CompletableFuture<SendResult> send(OutboundMessage message);

    /**
     * The longest a future from {@link #send} stays incomplete (its ack timeout and whatever margin the
     * implementation adds). The engine, waiting for a send's outcome under back-pressure, waits that long and a
     * little more; the default is for connections that do not say.
     */
    default Duration sendOutcomeBound() {
        return DEFAULT_SEND_OUTCOME_BOUND;
    }

    /** What {@link #sendOutcomeBound} is when a connection does not say: the default send ack timeout, 20 s. */
    Duration DEFAULT_SEND_OUTCOME_BOUND = Duration.ofSeconds(20);

    /**
     * Phone-number pairing on a connection waiting for a scan: asks WhatsApp for the 8-character code
     * ({@code ABCD-1234}) the user types on the phone. Blocks, bounded by the implementation.
     *
     * @param phoneDigits the account's number, digits only with the country code
     * @throws ConnectorException when the connection is not waiting to pair or the server refused
     */
    String requestPairingCode(String phoneDigits) throws ConnectorException;

    /** Closes the connection and keeps the credentials: a later connect needs no QR scan. */
    void disconnect();

    /** Logs the linked device out at WhatsApp, then closes. The engine deletes the credentials afterwards. */
    void logout() throws ConnectorException;

    /** A send outcome known at once (refused before anything went to WhatsApp). */
    static CompletableFuture<SendResult> failedAtOnce(String reason) {
        return CompletableFuture.completedFuture(SendResult.failed(Instant.now(), reason));
    }
}
