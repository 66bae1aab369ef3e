package com.wagateway.emulator.phone;

import com.wagateway.whatsapp.crypto.MediaType;
import java.util.Objects;

/**
 * What a phone is asked to send as media ({@code POST /phones/{number}/messages} with {@code type}).
 *
 * @param type      {@link MediaType#IMAGE}, {@link MediaType#VIDEO}, {@link MediaType#AUDIO} or {@link MediaType#DOCUMENT}
 * @param fileName  documents; null otherwise
 * @param caption   images, videos, documents; may be null
 * @param ptt       audio sent as a voice note
 */
public record MediaSend(MediaType type, byte[] plaintext, String mimetype, String fileName, String caption,
                        boolean ptt) {

    public MediaSend {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(mimetype, "mimetype");
    }

    /** Baileys' default mimetype per type (fact sheet §11.5). */
    public static String defaultMimetype(MediaType type) {
        return switch (type) {
            case IMAGE -> "image/jpeg";
            case VIDEO -> "video/mp4";
            case AUDIO -> "audio/ogg; codecs=opus";
            default -> "application/pdf";
        };
    }
}
