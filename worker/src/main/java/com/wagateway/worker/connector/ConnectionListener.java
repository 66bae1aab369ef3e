package com.wagateway.worker.connector;

import com.wagateway.worker.message.MessageStatus;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * What a connection reports. Calls after the connection was closed by the engine are ignored.
 *
 * <p>Two kinds of report: those after which the connection object stays valid and keeps working on its own
 * ({@link #qrCode}, {@link #connected}, {@link #reconnecting}, {@link #retryingRefused}), and those that end it
 * ({@link #disconnected}, {@link #loggedOut}, {@link #failed}): after one of these the connection does nothing more.
 */
public interface ConnectionListener {

    /** Pairing needs a scan of this QR payload (the raw string, e.g. {@code 2@...}); again on each rotation. */
    void qrCode(String qrString);

    /** Logged in; {@code phoneNumber} in E.164 with a leading {@code +}. Credentials are stored by now. */
    void connected(String phoneNumber);

    /**
     * The connection dropped and the client is reconnecting by itself with the stored credentials. The connection
     * stays the session's (it comes back with {@link #connected}, or ends with one of the final reports).
     */
    void reconnecting(String reason);

    /**
     * The server refuses to serve this client (e.g. its announced version is outdated). The credentials stay valid
     * and the client keeps retrying, slowly; the connection stays the session's.
     */
    void retryingRefused(String reason);

    /** The connection ended for good without the engine asking; credentials (if any) are still valid. */
    void disconnected(String reason);

    /** WhatsApp ended the device link (e.g. removed on the phone); credentials are worthless now. */
    void loggedOut(String reason);

    /** The connection cannot be established or kept, and retrying will not help (not a plain network drop). */
    void failed(String reason);

    /** A later status of a message this session sent ({@code delivered}, {@code read}, {@code failed}). */
    void messageStatus(String messageId, MessageStatus status, String error);

    /**
     * A message arrived. The returned stage completes only once the {@code message received} event is durably in
     * Kafka (the producer's {@code acks=all}), and fails when it could not be published: the client acknowledges
     * the message to WhatsApp only after it completes, so a failure means WhatsApp delivers it again rather than
     * the message being lost.
     */
    CompletionStage<Void> messageReceived(InboundMessage message);

    /**
     * A message another device sent, decrypted. {@code from} and {@code chat} are phone-number JIDs where the LID
     * mapping is known, {@code fromLid} the sender's LID alongside (null when unknown); 1:1 {@code chat} is the
     * other user, in a group the group and {@code from} the participant.
     *
     * @param fromMe a copy of a message the account sent from another of its own devices
     */
    record InboundMessage(String messageId, String from, String to, String type, String content, Instant sentAt,
                          String chat, String fromLid, String pushName, boolean fromMe, InboundMedia media) {

        /** A message without media. */
        public InboundMessage(String messageId, String from, String to, String type, String content, Instant sentAt,
                              String chat, String fromLid, String pushName, boolean fromMe) {
            this(messageId, from, to, type, content, sentAt, chat, fromLid, pushName, fromMe, null);
        }

        /** A 1:1 message without LID or push name (what the first connector reported). */
        public InboundMessage(String messageId, String from, String to, String type, String content, Instant sentAt) {
            this(messageId, from, to, type, content, sentAt, from, null, null, false, null);
        }

        public InboundMessage withMedia(InboundMedia media) {
            return new InboundMessage(messageId, from, to, type, content, sentAt, chat, fromLid, pushName, fromMe,
                    media);
        }
    }

    /**
     * The file of a received image, video, audio or document message: where the worker stored it, or why it did
     * not ({@code error}; the message is still acknowledged and published). The caption is the message's content.
     *
     * @param size         bytes of the decrypted file
     * @param fileName     sanitized, safe for a Content-Disposition
     * @param sha256       hex SHA-256 of the decrypted file (verified against the message)
     * @param downloadPath {@code /api/session/{id}/media/{messageId}}; null when not stored
     */
    record InboundMedia(String mimetype, Long size, String fileName, String sha256, String downloadPath,
                        Integer seconds, Integer width, Integer height, boolean voiceNote, String error) {

        public static InboundMedia failed(String mimetype, Long statedSize, String fileName, Integer seconds,
                                          boolean voiceNote, String error) {
            return new InboundMedia(mimetype, statedSize, fileName, null, null, seconds, null, null, voiceNote,
                    error);
        }
    }
}
