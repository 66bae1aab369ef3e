package com.wagateway.emulator.protocol;

import com.wagateway.whatsapp.crypto.PairingCodeCrypto;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The "code-wrap" of phone-number pairing (fact sheet §7): {@code salt(32) || iv(16) ||
 * AES-256-CTR(PBKDF2(code, salt), iv, publicKey)}. The phone's half of the primitive the companion
 * also uses; AES-CTR has no integrity, so unwrapping with a wrong code yields 32 random-looking bytes.
 */
public final class CodeWrap {

    public static final int SALT_LENGTH = 32;
    public static final int IV_LENGTH = 16;
    public static final int WRAPPED_LENGTH = SALT_LENGTH + IV_LENGTH + 32;

    private CodeWrap() {
    }

    public static byte[] wrap(String code, byte[] publicKey, RandomSource random) {
        byte[] salt = random.bytes(SALT_LENGTH);
        byte[] iv = random.bytes(IV_LENGTH);
        byte[] encrypted = ctr(PairingCodeCrypto.deriveCodeKey(code, salt), iv, publicKey);
        byte[] out = new byte[WRAPPED_LENGTH];
        System.arraycopy(salt, 0, out, 0, SALT_LENGTH);
        System.arraycopy(iv, 0, out, SALT_LENGTH, IV_LENGTH);
        System.arraycopy(encrypted, 0, out, SALT_LENGTH + IV_LENGTH, 32);
        return out;
    }

    public static byte[] unwrap(String code, byte[] wrapped) {
        if (wrapped == null || wrapped.length != WRAPPED_LENGTH) {
            throw new IllegalArgumentException("wrapped key must be " + WRAPPED_LENGTH + " bytes");
        }
        byte[] salt = Arrays.copyOfRange(wrapped, 0, SALT_LENGTH);
        byte[] iv = Arrays.copyOfRange(wrapped, SALT_LENGTH, SALT_LENGTH + IV_LENGTH);
        return ctr(PairingCodeCrypto.deriveCodeKey(code, salt), iv, Arrays.copyOfRange(wrapped, SALT_LENGTH + IV_LENGTH, WRAPPED_LENGTH));
    }

    private static byte[] ctr(byte[] key, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is a mandatory JDK algorithm", e);
        }
    }
}
