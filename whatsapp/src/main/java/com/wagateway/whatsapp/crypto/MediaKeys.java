package com.wagateway.whatsapp.crypto;

import java.util.Arrays;

/**
 * The keys expanded from a media key (fact sheet §11.2):
 * {@code HKDF-SHA256(mediaKey, salt = none, info = "WhatsApp <Type> Keys", 112)} split into
 * iv (16), cipherKey (32), macKey (32) and refKey (32).
 */
public record MediaKeys(byte[] iv, byte[] cipherKey, byte[] macKey, byte[] refKey) {

    public static final int MEDIA_KEY_LENGTH = 32;
    private static final int EXPANDED_LENGTH = 112;

    public static MediaKeys expand(byte[] mediaKey, MediaType type) {
        if (mediaKey == null || mediaKey.length != MEDIA_KEY_LENGTH) {
            throw new IllegalArgumentException("media key must be 32 bytes");
        }
        byte[] expanded = Hkdf.derive(mediaKey, null, type.hkdfInfo(), EXPANDED_LENGTH);
        return new MediaKeys(
                Arrays.copyOfRange(expanded, 0, 16),
                Arrays.copyOfRange(expanded, 16, 48),
                Arrays.copyOfRange(expanded, 48, 80),
                Arrays.copyOfRange(expanded, 80, 112));
    }

    @Override
    public String toString() {
        return "MediaKeys[redacted]";
    }
}
