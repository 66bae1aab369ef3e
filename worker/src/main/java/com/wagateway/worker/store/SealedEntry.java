package com.wagateway.worker.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.CRC32C;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The on-disk form of one store entry: a small versioned header, then the content.
 *
 * <pre>
 * "WASS" (4) | version = 1 (1) | mode (1) | ...
 *   mode 0, plain:     CRC32C of the content (4, big-endian) | content
 *   mode 1, AES-GCM:   nonce (12, random per write) | ciphertext with its 16-byte tag
 * </pre>
 *
 * The GCM additional data binds the header, the session id and the entry name, so an entry copied to another
 * session or renamed does not decrypt. The plain mode's checksum makes truncation and corruption a typed error too.
 */
final class SealedEntry {

    static final byte[] MAGIC = {'W', 'A', 'S', 'S'};
    static final byte VERSION = 1;
    static final byte PLAIN = 0;
    static final byte AES_GCM = 1;
    static final int HEADER = MAGIC.length + 2;
    static final int NONCE = 12;
    static final int TAG_BITS = 128;

    static final String UNDECRYPTABLE =
            "stored credentials could not be decrypted (wrong SESSION_STORE_KEY, or a file of another session?)";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedEntry() {
    }

    static byte[] seal(SessionStoreKey key, String sessionId, String name, byte[] content) {
        if (key == null) {
            CRC32C crc = new CRC32C();
            crc.update(content);
            return ByteBuffer.allocate(HEADER + 4 + content.length).put(MAGIC).put(VERSION).put(PLAIN)
                    .putInt((int) crc.getValue()).put(content).array();
        }
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        byte[] header = header(AES_GCM);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(header, sessionId, name));
            byte[] sealed = cipher.doFinal(content);
            return ByteBuffer.allocate(HEADER + NONCE + sealed.length).put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption unavailable", e);
        }
    }

    static byte[] open(SessionStoreKey key, String sessionId, String name, byte[] stored)
            throws SessionStoreCorruptException {
        if (stored.length < HEADER || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupt(sessionId, name, "stored credentials are corrupt (unrecognised format)");
        }
        if (stored[MAGIC.length] != VERSION) {
            throw corrupt(sessionId, name, "stored credentials have an unsupported format version "
                    + stored[MAGIC.length]);
        }
        byte mode = stored[MAGIC.length + 1];
        if (mode == PLAIN) {
            if (key != null) {
                throw corrupt(sessionId, name, "stored credentials are not encrypted but SESSION_STORE_KEY is set "
                        + "(written before the key was configured?)");
            }
            if (stored.length < HEADER + 4) {
                throw corrupt(sessionId, name, "stored credentials are corrupt (truncated)");
            }
            ByteBuffer buf = ByteBuffer.wrap(stored, HEADER, stored.length - HEADER);
            int expected = buf.getInt();
            byte[] content = new byte[buf.remaining()];
            buf.get(content);
            CRC32C crc = new CRC32C();
            crc.update(content);
            if ((int) crc.getValue() != expected) {
                throw corrupt(sessionId, name, "stored credentials are corrupt (checksum mismatch)");
            }
            return content;
        }
        if (mode != AES_GCM) {
            throw corrupt(sessionId, name, "stored credentials are corrupt (unknown mode)");
        }
        if (key == null) {
            throw corrupt(sessionId, name, "stored credentials are encrypted but SESSION_STORE_KEY is not set");
        }
        if (stored.length < HEADER + NONCE + TAG_BITS / 8) {
            throw corrupt(sessionId, name, "stored credentials are corrupt (truncated)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, stored, HEADER, NONCE));
            cipher.updateAAD(aad(header(AES_GCM), sessionId, name));
            return cipher.doFinal(stored, HEADER + NONCE, stored.length - HEADER - NONCE);
        } catch (AEADBadTagException e) {
            throw corrupt(sessionId, name, UNDECRYPTABLE);
        } catch (GeneralSecurityException e) {
            throw new SessionStoreCorruptException(sessionId, UNDECRYPTABLE + ": entry " + name + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static SessionStoreCorruptException corrupt(String sessionId, String name, String what) {
        return new SessionStoreCorruptException(sessionId, what + ": entry " + name);
    }

    private static byte[] header(byte mode) {
        return ByteBuffer.allocate(HEADER).put(MAGIC).put(VERSION).put(mode).array();
    }

    private static byte[] aad(byte[] header, String sessionId, String name) {
        byte[] id = sessionId.getBytes(StandardCharsets.UTF_8);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + 8 + id.length + n.length).put(header)
                .putInt(id.length).put(id).putInt(n.length).put(n).array();
    }
}
