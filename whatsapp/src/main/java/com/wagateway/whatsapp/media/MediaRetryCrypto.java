package com.wagateway.whatsapp.media;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.proto.MediaRetryProtos.MediaRetryNotification;
import com.wagateway.whatsapp.proto.MediaRetryProtos.ServerErrorReceipt;
import java.nio.charset.StandardCharsets;

/**
 * The media-retry cipher (Baileys {@code getMediaRetryKey}, {@code encryptMediaRetryRequest},
 * {@code decryptMediaRetryData}; whatsmeow {@code mediaretry.go}): key = HKDF-SHA256(mediaKey, no salt,
 * "WhatsApp Media Retry Notification", 32); AES-256-GCM with a 12-byte IV and the message id (UTF-8) as AAD, both
 * for the request's {@code ServerErrorReceipt} and the phone's {@code MediaRetryNotification}.
 */
public final class MediaRetryCrypto {

    static final String KEY_INFO = "WhatsApp Media Retry Notification";

    private MediaRetryCrypto() {
    }

    public static byte[] retryKey(byte[] mediaKey) {
        if (mediaKey == null || mediaKey.length == 0) {
            throw new IllegalArgumentException("media key required");
        }
        return Hkdf.derive(mediaKey, null, KEY_INFO, 32);
    }

    /** {@code enc_p} of the request: {@code ServerErrorReceipt{stanzaId}} sealed with {@code iv}. */
    public static byte[] encryptRequest(String messageId, byte[] mediaKey, byte[] iv) {
        byte[] plaintext = ServerErrorReceipt.newBuilder().setStanzaId(messageId).build().toByteArray();
        try {
            return AesGcm.encrypt(retryKey(mediaKey), iv, aad(messageId), plaintext);
        } catch (CryptoException e) {
            throw new IllegalStateException("AES-GCM encryption cannot fail with a 32-byte key", e);
        }
    }

    /**
     * Opens the phone's answer.
     *
     * @throws MediaTransferException ({@link MediaTransferException.Reason#RETRY_FAILED}) when it does not decrypt
     *                                or parse
     */
    public static MediaRetryNotification decryptNotification(byte[] ciphertext, byte[] iv, byte[] mediaKey,
                                                             String messageId) throws MediaTransferException {
        try {
            byte[] plaintext = AesGcm.decrypt(retryKey(mediaKey), iv, aad(messageId), ciphertext);
            return MediaRetryNotification.parseFrom(plaintext);
        } catch (CryptoException | InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new MediaTransferException(MediaTransferException.Reason.RETRY_FAILED,
                    "media-retry answer does not decrypt");
        }
    }

    private static byte[] aad(String messageId) {
        return messageId.getBytes(StandardCharsets.UTF_8);
    }
}
