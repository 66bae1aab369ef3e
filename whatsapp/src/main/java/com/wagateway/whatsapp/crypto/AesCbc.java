package com.wagateway.whatsapp.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-CBC with PKCS#7 padding (media §11.3, libsignal message keys §9.5). */
public final class AesCbc {

    public static final int KEY_LENGTH = 32;
    public static final int IV_LENGTH = 16;

    private AesCbc() {
    }

    public static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) throws CryptoException {
        try {
            return init(Cipher.ENCRYPT_MODE, key, iv).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-CBC encryption failed", e);
        }
    }

    /** @throws CryptoException on a length that is not a whole number of blocks or bad padding */
    public static byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) throws CryptoException {
        try {
            return init(Cipher.DECRYPT_MODE, key, iv).doFinal(ciphertext);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new CryptoException("AES-CBC: bad length or padding");
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-CBC decryption failed", e);
        }
    }

    private static Cipher init(int mode, byte[] key, byte[] iv) throws CryptoException {
        if (key == null || key.length != KEY_LENGTH) {
            throw new CryptoException("AES-CBC: key must be 32 bytes");
        }
        if (iv == null || iv.length != IV_LENGTH) {
            throw new CryptoException("AES-CBC: IV must be 16 bytes");
        }
        try {
            // The JDK's "PKCS5Padding" is PKCS#7 for a 16-byte block.
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-CBC: cipher setup failed", e);
        }
    }
}
