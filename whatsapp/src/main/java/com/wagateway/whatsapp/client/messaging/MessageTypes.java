package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.proto.MessageProtos.Message;

/**
 * The content-dependent attributes of a sent message (Baileys 7.x {@code relayMessage}): {@code <message type>} is
 * {@code media} for media content ({@code getMessageType}), and every {@code <enc>} of a media message carries
 * {@code mediatype} ({@code getMediaType}: image, video or gif, audio or ptt, document), the participants' pkmsg/msg
 * nodes and the group's skmsg alike; retry resends keep the stanza type but Baileys adds no {@code mediatype} there.
 */
public final class MessageTypes {

    private MessageTypes() {
    }

    /** {@code <message type>}: {@code media} or {@code text} (the only kinds this client sends). */
    public static String stanzaType(Message content) {
        return mediaType(content) != null ? "media" : "text";
    }

    /** The {@code mediatype} of the {@code <enc>} nodes, or null for non-media content. */
    public static String mediaType(Message content) {
        if (content.hasImageMessage()) {
            return "image";
        }
        if (content.hasVideoMessage()) {
            return content.getVideoMessage().getGifPlayback() ? "gif" : "video";
        }
        if (content.hasAudioMessage()) {
            return content.getAudioMessage().getPtt() ? "ptt" : "audio";
        }
        if (content.hasDocumentMessage()) {
            return "document";
        }
        return null;
    }
}
