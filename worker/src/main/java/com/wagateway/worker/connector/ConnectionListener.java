package com.wagateway.worker.connector;

import com.wagateway.worker.message.MessageStatus;
import java.time.Instant;

/** What a connection reports. Calls after the connection was closed by the engine are ignored. */
public interface ConnectionListener {

    /** Pairing needs a scan of this QR payload (the raw string, e.g. {@code 2@...}). */
    void qrCode(String qrString);

    /** Logged in; {@code phoneNumber} in E.164 with a leading {@code +}. */
    void connected(String phoneNumber);

    /** The connection closed without the engine asking; credentials are still valid. */
    void disconnected(String reason);

    /** WhatsApp ended the device link (e.g. removed on the phone); credentials are worthless now. */
    void loggedOut(String reason);

    /** The connection cannot be established or kept (not a plain network drop). */
    void failed(String reason);

    /** A later status of a message this session sent ({@code delivered}, {@code read}, {@code failed}). */
    void messageStatus(String messageId, MessageStatus status, String error);

    void messageReceived(InboundMessage message);

    record InboundMessage(String messageId, String from, String to, String type, String content, Instant sentAt) {}
}
