package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.jid.Jid;

/**
 * A received media message as a download needs it: the media fields, and the message key a media-retry request
 * names (Baileys {@code WAMessageKey}: id, remoteJid, fromMe, participant).
 *
 * @param participant the sender in a group chat, else null
 */
public record MediaSource(String messageId, Jid chat, boolean fromMe, Jid participant, MediaInfo media) {}
