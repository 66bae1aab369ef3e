package com.wagateway.whatsapp.signal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric primitives of the ratchet (fact sheet §9.3, §9.5) on per-thread JCA instances: a ratchet step costs
 * about ten HMACs and one AES-CBC, and looking a provider up for each of them would cost more than the work itself.
 * Instances are confined to their thread and re-initialised on every use, so no key outlives a call in them.
 */
final class SignalCrypto {

    static final int KEY_LENGTH = 32;

    static final byte[] INFO_TEXT = ascii("WhisperText");
    static final byte[] INFO_RATCHET = ascii("WhisperRatchet");
    static final byte[] INFO_MESSAGE_KEYS = ascii("WhisperMessageKeys");

    private static final byte[] ZERO_SALT = new byte[KEY_LENGTH];
    private static final byte[] MESSAGE_KEY_SEED = {1};
    private static final byte[] CHAIN_KEY_SEED = {2};

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));
    private static final ThreadLocal<Cipher> AES_CBC =
            ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/CBC/PKCS5Padding")));

    private SignalCrypto() {
    }

    static Mac hmac(byte[] key) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 rejected a " + key.length + "-byte key", e);
        }
        return mac;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        Mac mac = hmac(key);
        mac.update(data);
        return mac.doFinal();
    }

    /** §9.5: the message key seed of the current chain key. */
    static byte[] messageKeySeed(byte[] chainKey) {
        return hmac(chainKey, MESSAGE_KEY_SEED);
    }

    /** §9.5: the chain key after the current one. */
    static byte[] nextChainKey(byte[] chainKey) {
        return hmac(chainKey, CHAIN_KEY_SEED);
    }

    /** libsignal's {@code deriveSecrets} (§9.3): {@code chunks} × 32 bytes of HKDF with a 32-byte salt. */
    static byte[] deriveSecrets(byte[] input, byte[] salt, byte[] info, int chunks) {
        byte[] prk = hmac(salt, input);
        Mac mac = hmac(prk);
        byte[] out = new byte[chunks * KEY_LENGTH];
        byte[] previous = null;
        for (int i = 1; i <= chunks; i++) {
            if (previous != null) {
                mac.update(previous);
            }
            mac.update(info);
            mac.update((byte) i);
            previous = mac.doFinal();
            System.arraycopy(previous, 0, out, (i - 1) * KEY_LENGTH, KEY_LENGTH);
        }
        return out;
    }

    /** §9.5: cipher key, MAC key and IV of one message. */
    static MessageKeys messageKeys(byte[] seed) {
        byte[] derived = deriveSecrets(seed, ZERO_SALT, INFO_MESSAGE_KEYS, 3);
        return new MessageKeys(derived);
    }

    static byte[] zeroSalt() {
        return ZERO_SALT;
    }

    static byte[] aesEncrypt(MessageKeys keys, byte[] plaintext) {
        try {
            return aes(Cipher.ENCRYPT_MODE, keys).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e);
        }
    }

    static byte[] aesDecrypt(MessageKeys keys, byte[] ciphertext) throws SignalException {
        try {
            return aes(Cipher.DECRYPT_MODE, keys).doFinal(ciphertext);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "ciphertext has a bad length or padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC decryption failed", e);
        }
    }

    private static Cipher aes(int mode, MessageKeys keys) throws GeneralSecurityException {
        Cipher cipher = AES_CBC.get();
        cipher.init(mode, new SecretKeySpec(keys.material(), 0, KEY_LENGTH, "AES"),
                new IvParameterSpec(keys.material(), 2 * KEY_LENGTH, 16));
        return cipher;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private interface Factory<T> {
        T create() throws GeneralSecurityException;
    }

    private static <T> T instance(Factory<T> factory) {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("mandatory JCA algorithm missing", e);
        }
    }

    /** The 96 derived bytes of one message: cipher key [0,32), MAC key [32,64), IV [64,80). */
    record MessageKeys(byte[] material) {

        Mac mac() {
            Mac mac = HMAC.get();
            try {
                mac.init(new SecretKeySpec(material, KEY_LENGTH, KEY_LENGTH, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return mac;
        }
    }
}
