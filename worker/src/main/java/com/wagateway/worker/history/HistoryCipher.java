package com.wagateway.worker.history;

import com.wagateway.worker.store.SessionStoreKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;

/**
 * The history's message text and push name at rest (also the file names in the received-media sidecars,
 * {@code MediaStore}). With {@code SESSION_STORE_KEY} set they are AES-256-GCM
 * encrypted with it, each value bound (associated data) to its session id, message id and column like the session
 * store's entries ({@code SealedEntry}): a value copied to another row does not decrypt. Stored as
 * {@code wa-sealed:v1:} + base64(nonce 12 | ciphertext | tag 16), in the same VARCHAR columns. Without a key the
 * text is stored plain; plain values written before a key was set are read as they are.
 */
public final class HistoryCipher {

    static final String PREFIX = "wa-sealed:v1:";
    public static final HistoryCipher PLAIN = new HistoryCipher(null);

    private static final int NONCE = 12;
    private static final int TAG = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStoreKey key;

    private HistoryCipher(SessionStoreKey key) {
        this.key = key;
    }

    public static HistoryCipher of(SessionStoreKey key) {
        return key == null ? PLAIN : new HistoryCipher(key);
    }

    public boolean encrypts() {
        return key != null;
    }

    /**
     * The value to store in a column of {@code columnLength} characters. Plain text is cut to the column; sealed
     * text is cut (at a character boundary) to the UTF-8 bytes whose sealed form fits it, e.g. 49,121 bytes for the
     * 65,536-character content column. The event on Kafka keeps the whole text.
     */
    public String seal(String sessionId, String messageId, String column, String text, int columnLength) {
        if (text == null) {
            return null;
        }
        if (key == null) {
            return JdbcHistoryStore.cut(text, columnLength);
        }
        int budget = (columnLength - PREFIX.length()) / 4 * 3 - NONCE - TAG;
        byte[] plain = utf8Prefix(text, budget);
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = key.aesGcm(Cipher.ENCRYPT_MODE, nonce, aad(sessionId, messageId, column)).doFinal(plain);
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (IllegalBlockSizeException | BadPaddingException e) {
            throw new IllegalStateException("history text could not be encrypted", e);
        }
    }

    /**
     * The stored value as text. A sealed value that does not open (no key, another key, moved to another row)
     * gives {@code null}, never the ciphertext; the caller logs it.
     */
    public String open(String sessionId, String messageId, String column, String stored) throws UnreadableTextException {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new UnreadableTextException("stored encrypted but SESSION_STORE_KEY is not set");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (raw.length < NONCE + TAG) {
                throw new UnreadableTextException("truncated");
            }
            byte[] nonce = Arrays.copyOf(raw, NONCE);
            byte[] plain = key.aesGcm(Cipher.DECRYPT_MODE, nonce, aad(sessionId, messageId, column))
                    .doFinal(raw, NONCE, raw.length - NONCE);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableTextException(
                    "does not decrypt (another SESSION_STORE_KEY, or moved from another row)");
        } catch (IllegalArgumentException | IllegalBlockSizeException | BadPaddingException e) {
            throw new UnreadableTextException("corrupt (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A stored value that cannot be read back as text. */
    public static final class UnreadableTextException extends Exception {
        UnreadableTextException(String message) {
            super(message);
        }
    }

    private static byte[] aad(String sessionId, String messageId, String column) {
        byte[] purpose = "wa-history".getBytes(StandardCharsets.UTF_8);
        byte[] s = sessionId.getBytes(StandardCharsets.UTF_8);
        byte[] m = messageId.getBytes(StandardCharsets.UTF_8);
        byte[] c = column.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + purpose.length + s.length + m.length + c.length)
                .putInt(purpose.length).put(purpose).putInt(s.length).put(s).putInt(m.length).put(m)
                .putInt(c.length).put(c).array();
    }

    /** The longest prefix of {@code text} whose UTF-8 form is at most {@code maxBytes}, not splitting a character. */
    static byte[] utf8Prefix(String text, int maxBytes) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        if (all.length <= maxBytes) {
            return all;
        }
        int end = maxBytes;
        while (end > 0 && (all[end] & 0xC0) == 0x80) {
            end--; // all[end] continues a character: cut before that character starts
        }
        return Arrays.copyOf(all, end);
    }
}
