package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.jid.Jid;

import java.time.Instant;

/**
 * A message another device sent, decrypted. JIDs are phone-number JIDs where the LID↔PN mapping is known, with the
 * LID alongside ({@code null} when unknown); for groups {@code chat} is the group and {@code sender} the participant.
 *
 * @param type     {@code text} for conversation/extendedText; {@code image}, {@code video}, {@code audio} (also voice
 *                 notes) or {@code document} for media; else the proto's case
 * @param text     the text or caption, null when the message has none
 * @param pushName the sender's display name from the stanza's {@code notify}, null when absent
 * @param fromMe   a copy of a message the account sent from another of its own devices
 * @param media    the media part (image, video, audio, document), null for other messages; the file is fetched
 *                 with {@link WhatsAppClient#downloadMedia}
 */
public record IncomingMessage(String messageId, Jid chat, Jid sender, Jid senderLid, Jid to, String type,
                              String text, Instant timestamp, String pushName, boolean fromMe,
                              com.wagateway.whatsapp.media.MediaInfo media) {
}
