package com.wagateway.whatsapp.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 12-byte IV and the 16-byte tag appended to the ciphertext (Noise §3.1,
 * pairing bundle §7). One {@link Cipher} per call keeps this stateless and thread-safe; the
 * Noise transport keeps its own ciphers for speed ({@code noise.TransportCipher}).
 */
public final class AesGcm {

    public static final int KEY_LENGTH = 32;
    public static final int IV_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private AesGcm() {
    }

    public static byte[] encrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) throws CryptoException {
        Cipher cipher = init(Cipher.ENCRYPT_MODE, key, iv);
        try {
            if (aad != null && aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM encryption failed", e);
        }
    }

    /** @throws CryptoException if the input is shorter than a tag or the tag does not verify */
    public static byte[] decrypt(byte[] key, byte[] iv, byte[] aad, byte[] ciphertext) throws CryptoException {
        if (ciphertext == null || ciphertext.length < TAG_LENGTH) {
            throw new CryptoException("AES-GCM: ciphertext shorter than the 16-byte tag");
        }
        Cipher cipher = init(Cipher.DECRYPT_MODE, key, iv);
        try {
            if (aad != null && aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new CryptoException("AES-GCM: authentication tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM decryption failed", e);
        }
    }

    private static Cipher init(int mode, byte[] key, byte[] iv) throws CryptoException {
        if (key == null || key.length != KEY_LENGTH) {
            throw new CryptoException("AES-GCM: key must be 32 bytes");
        }
        if (iv == null || iv.length != IV_LENGTH) {
            throw new CryptoException("AES-GCM: IV must be 12 bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM: cipher setup failed", e);
        }
    }
}
