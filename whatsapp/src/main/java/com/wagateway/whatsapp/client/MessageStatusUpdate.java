package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.jid.Jid;

import java.time.Instant;

/**
 * A receipt (or a late failure) for a message this device sent. {@code chat} is the conversation (user or group),
 * {@code by} the user whose device sent the receipt (a group participant, or the chat itself 1:1), as a phone-number
 * JID where the mapping is known; {@code error} is set only for {@link DeliveryStatus#FAILED}.
 */
public record MessageStatusUpdate(String messageId, Jid chat, Jid by, DeliveryStatus status, String error,
                                  Instant at) {
}
