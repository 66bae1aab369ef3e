package com.wagateway.whatsapp.crypto;

import java.util.Arrays;

/**
 * The keys expanded from a media key (fact sheet §11.2):
 * {@code HKDF-SHA256(mediaKey, salt = none, info = "WhatsApp <Type> Keys", 112)} split into
 * iv (16), cipherKey (32), macKey (32) and refKey (32).
 *
 * <p>Immutable: arrays are copied on the way in and out, so a caller that wipes or reuses what it
 * got cannot change the keys another holder sees.
 */
public record MediaKeys(byte[] iv, byte[] cipherKey, byte[] macKey, byte[] refKey) {

    public MediaKeys {
        iv = iv.clone();
        cipherKey = cipherKey.clone();
        macKey = macKey.clone();
        refKey = refKey.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] cipherKey() {
        return cipherKey.clone();
    }

    @Override
    public byte[] macKey() {
        return macKey.clone();
    }

    @Override
    public byte[] refKey() {
        return refKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaKeys other && ConstantTime.equals(iv, other.iv)
                && ConstantTime.equals(cipherKey, other.cipherKey) && ConstantTime.equals(macKey, other.macKey)
                && ConstantTime.equals(refKey, other.refKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(iv); // the IV is not secret; equal keys have equal IVs
    }

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
