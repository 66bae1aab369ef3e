package com.wagateway.whatsapp.noise;

import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Post-handshake frame encryption (fact sheet §3.3 step 4): AES-256-GCM, empty AAD, IV = 8 zero
 * bytes then a 32-bit big-endian counter, one counter per direction starting at 0.
 *
 * <p>Each direction has its own lock and cipher, so one thread may send while another receives.
 * A failed decryption still consumes the counter (as Baileys does); the connection is then unusable.
 */
public final class TransportCipher {

    /** §3.2: counters are 32-bit; we refuse to wrap rather than reuse a nonce. */
    static final long MAX_COUNTER = 0xFFFF_FFFFL;

    private final Direction write;
    private final Direction read;

    TransportCipher(byte[] writeKey, byte[] readKey) {
        this.write = new Direction(writeKey, Cipher.ENCRYPT_MODE);
        this.read = new Direction(readKey, Cipher.DECRYPT_MODE);
    }

    /** Encrypts one outgoing frame payload; returns ciphertext || 16-byte tag. */
    public byte[] encrypt(byte[] plaintext) throws CryptoException {
        return write.apply(plaintext);
    }

    /** Decrypts one incoming frame payload. */
    public byte[] decrypt(byte[] ciphertext) throws CryptoException {
        if (ciphertext.length < AesGcm.TAG_LENGTH) {
            read.skip();
            throw new CryptoException("transport frame shorter than the 16-byte tag");
        }
        return read.apply(ciphertext);
    }

    /** Frames written so far (the next write nonce). */
    public long writeCounter() {
        return write.counter();
    }

    /** Frames read so far (the next read nonce). */
    public long readCounter() {
        return read.counter();
    }

    static byte[] iv(long counter) {
        byte[] iv = new byte[AesGcm.IV_LENGTH];
        iv[8] = (byte) (counter >>> 24);
        iv[9] = (byte) (counter >>> 16);
        iv[10] = (byte) (counter >>> 8);
        iv[11] = (byte) counter;
        return iv;
    }

    private static final class Direction {
        private final SecretKeySpec key;
        private final int mode;
        private Cipher cipher;
        private long counter;

        Direction(byte[] key, int mode) {
            this.key = new SecretKeySpec(key, "AES");
            this.mode = mode;
        }

        synchronized long counter() {
            return counter;
        }

        synchronized void skip() {
            counter++;
        }

        synchronized byte[] apply(byte[] input) throws CryptoException {
            if (counter > MAX_COUNTER) {
                throw new CryptoException("transport nonce counter exhausted (2^32 frames)");
            }
            long nonce = counter++;
            try {
                if (cipher == null) {
                    cipher = Cipher.getInstance("AES/GCM/NoPadding"); // created on first use: idle connections stay small
                }
                cipher.init(mode, key, new GCMParameterSpec(AesGcm.TAG_LENGTH * 8, iv(nonce)));
                return cipher.doFinal(input);
            } catch (AEADBadTagException e) {
                throw new CryptoException("transport frame authentication failed");
            } catch (GeneralSecurityException e) {
                throw new CryptoException("transport AES-GCM failed", e);
            }
        }
    }
}
