package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.crypto.ConstantTime;
import com.wagateway.whatsapp.crypto.MediaKeys;
import com.wagateway.whatsapp.crypto.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The media cipher as the reference applies it (fact sheet §11.2, §11.3): {@code enc = AES-256-CBC(cipherKey, iv,
 * PKCS#7(plaintext))}, {@code mac = HMAC-SHA256(macKey, iv || enc)[0..10]}, blob = {@code enc || mac}, with the
 * plaintext and blob SHA-256 computed on the way. Both directions stream in fixed chunks, so memory does not grow
 * with the file.
 */
public final class MediaCipher {

    /** The MAC's length on the wire: the first 10 bytes of the HMAC. */
    public static final int MAC_LENGTH = 10;
    private static final int CHUNK = 64 * 1024;

    private MediaCipher() {
    }

    /**
     * Encrypts {@code plaintext} to {@code blob} ({@code enc || mac}); neither stream is closed.
     *
     * @param maxPlaintextBytes the most plaintext read; more fails with {@link MediaTooLargeException} (the output
     *                          then holds a partial blob the caller discards)
     */
    public static MediaHashes encrypt(InputStream plaintext, OutputStream blob, byte[] mediaKey, MediaType type,
                                      long maxPlaintextBytes) throws IOException {
        MediaKeys keys = MediaKeys.expand(mediaKey, type);
        Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys);
        Mac mac = mac(keys);
        mac.update(keys.iv());
        MessageDigest plainSha = sha256();
        MessageDigest encSha = sha256();
        byte[] buffer = new byte[CHUNK];
        long length = 0;
        long written = 0;
        int n;
        while ((n = plaintext.read(buffer)) != -1) {
            length += n;
            if (length > maxPlaintextBytes) {
                throw new MediaTooLargeException(maxPlaintextBytes);
            }
            plainSha.update(buffer, 0, n);
            written += emit(cipher.update(buffer, 0, n), blob, mac, encSha);
        }
        try {
            written += emit(cipher.doFinal(), blob, mac, encSha);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC with PKCS#7 padding cannot fail to encrypt", e);
        }
        byte[] tag = Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
        blob.write(tag);
        encSha.update(tag);
        return new MediaHashes(plainSha.digest(), encSha.digest(), length, written + MAC_LENGTH);
    }

    /**
     * Verifies and decrypts a blob ({@code enc || mac}) to {@code plaintext}; neither stream is closed. The MAC and the
     * hashes are known only at the end, so the plaintext written before a {@link MediaVerificationException} must be
     * discarded by the caller (write to a temporary file, keep it only on success).
     *
     * @param expectedEncSha256 the message's {@code fileEncSha256}, or null to skip that check
     * @param expectedSha256    the message's {@code fileSha256}, or null to skip that check
     * @param maxBlobBytes      the most blob bytes read; more fails with {@link MediaTooLargeException}
     */
    public static MediaHashes decrypt(InputStream blob, OutputStream plaintext, byte[] mediaKey, MediaType type,
                                      byte[] expectedEncSha256, byte[] expectedSha256, long maxBlobBytes)
            throws IOException, MediaVerificationException {
        MediaKeys keys = MediaKeys.expand(mediaKey, type);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, keys);
        Mac mac = mac(keys);
        mac.update(keys.iv());
        MessageDigest plainSha = sha256();
        MessageDigest encSha = sha256();
        // the last MAC_LENGTH bytes seen are held back: they are the MAC, not ciphertext, once the stream ends
        byte[] held = new byte[MAC_LENGTH];
        int heldCount = 0;
        byte[] buffer = new byte[CHUNK];
        byte[] joined = new byte[CHUNK + MAC_LENGTH];
        long total = 0;
        long plainLength = 0;
        int n;
        while ((n = blob.read(buffer)) != -1) {
            total += n;
            if (total > maxBlobBytes) {
                throw new MediaTooLargeException(maxBlobBytes);
            }
            encSha.update(buffer, 0, n);
            System.arraycopy(held, 0, joined, 0, heldCount);
            System.arraycopy(buffer, 0, joined, heldCount, n);
            int available = heldCount + n;
            int release = Math.max(0, available - MAC_LENGTH);
            if (release > 0) {
                mac.update(joined, 0, release);
                plainLength += write(cipher.update(joined, 0, release), plaintext, plainSha);
            }
            heldCount = available - release;
            System.arraycopy(joined, release, held, 0, heldCount);
        }
        if (heldCount < MAC_LENGTH || total - MAC_LENGTH < 16) {
            throw new MediaVerificationException(MediaVerificationException.Reason.TOO_SHORT,
                    "media blob of " + total + " bytes is too short");
        }
        byte[] expectedMac = Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
        if (!ConstantTime.equals(expectedMac, held)) {
            throw new MediaVerificationException(MediaVerificationException.Reason.BAD_MAC, "media MAC does not verify");
        }
        byte[] encDigest = encSha.digest();
        if (expectedEncSha256 != null && !MessageDigest.isEqual(encDigest, expectedEncSha256)) {
            throw new MediaVerificationException(MediaVerificationException.Reason.ENC_SHA256_MISMATCH,
                    "media blob SHA-256 differs from the message's fileEncSha256");
        }
        try {
            plainLength += write(cipher.doFinal(), plaintext, plainSha);
        } catch (BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw new MediaVerificationException(MediaVerificationException.Reason.BAD_PADDING,
                    "media ciphertext has bad padding or length");
        }
        byte[] plainDigest = plainSha.digest();
        if (expectedSha256 != null && !MessageDigest.isEqual(plainDigest, expectedSha256)) {
            throw new MediaVerificationException(MediaVerificationException.Reason.SHA256_MISMATCH,
                    "media plaintext SHA-256 differs from the message's fileSha256");
        }
        return new MediaHashes(plainDigest, encDigest, plainLength, total);
    }

    private static long emit(byte[] chunk, OutputStream out, Mac mac, MessageDigest encSha) throws IOException {
        if (chunk == null || chunk.length == 0) {
            return 0;
        }
        mac.update(chunk);
        encSha.update(chunk);
        out.write(chunk);
        return chunk.length;
    }

    private static long write(byte[] chunk, OutputStream out, MessageDigest sha) throws IOException {
        if (chunk == null || chunk.length == 0) {
            return 0;
        }
        sha.update(chunk);
        out.write(chunk);
        return chunk.length;
    }

    private static Cipher cipher(int mode, MediaKeys keys) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.iv()));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is required of every JDK", e);
        }
    }

    private static Mac mac(MediaKeys keys) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
