package com.wagateway.worker.store;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code SESSION_STORE_KEY}: base64 of 32 random bytes (e.g. {@code openssl rand -base64 32}), the AES-256 key the
 * session store encrypts with. Never logged; {@link #toString()} says so.
 */
public final class SessionStoreKey {

    public static final String VARIABLE = "SESSION_STORE_KEY";

    private final SecretKey key;

    private SessionStoreKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
    }

    public static SessionStoreKey of(byte[] raw) {
        if (raw == null || raw.length != 32) {
            throw new IllegalArgumentException(VARIABLE + " must be 32 bytes");
        }
        return new SessionStoreKey(raw.clone());
    }

    /**
     * The start-up check: a blank value means "no key" (refused in production), anything else must decode to
     * exactly 32 bytes.
     *
     * @throws IllegalStateException naming {@code SESSION_STORE_KEY}, never echoing its value
     */
    public static Optional<SessionStoreKey> resolve(String base64, boolean production) {
        if (base64 == null || base64.isBlank()) {
            if (production) {
                throw new IllegalStateException(VARIABLE + " is required when NODE_ENV=production: set it to the "
                        + "base64 of 32 random bytes (e.g. `openssl rand -base64 32`) so that session credentials "
                        + "are encrypted at rest");
            }
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + " is not valid base64; it must be the base64 of 32 random "
                    + "bytes (e.g. `openssl rand -base64 32`)");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(VARIABLE + " must decode to 32 bytes (AES-256), it decodes to "
                    + raw.length + "; use e.g. `openssl rand -base64 32`");
        }
        return Optional.of(new SessionStoreKey(raw));
    }

    SecretKey secretKey() {
        return key;
    }

    /**
     * An AES-256-GCM cipher under this key (128-bit tag), for other data kept at rest with the same key (the message
     * history's text); the key itself never leaves this class.
     *
     * @param mode {@link Cipher#ENCRYPT_MODE} or {@link Cipher#DECRYPT_MODE}
     * @param nonce 12 bytes, never reused for encryption
     */
    public Cipher aesGcm(int mode, byte[] nonce, byte[] associatedData) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(SealedEntry.TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SessionStoreKey[<redacted>]";
    }
}
