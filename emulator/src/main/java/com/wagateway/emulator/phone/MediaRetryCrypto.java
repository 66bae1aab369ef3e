package com.wagateway.emulator.phone;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.proto.MediaRetryProtos.MediaRetryNotification;
import com.wagateway.whatsapp.proto.MediaRetryProtos.ServerErrorReceipt;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The media-retry encryption (Baileys {@code encryptMediaRetryRequest}/{@code decryptMediaRetryData}, whatsmeow
 * {@code mediaretry.go}): AES-256-GCM under {@code HKDF-SHA256(mediaKey, salt none, "WhatsApp Media Retry
 * Notification", 32)} with a 12-byte IV and the message id as associated data; the request carries a
 * {@code ServerErrorReceipt{stanzaId}}, the answer a {@code MediaRetryNotification{stanzaId, directPath, result}}.
 */
public final class MediaRetryCrypto {

    private static final String INFO = "WhatsApp Media Retry Notification";

    private MediaRetryCrypto() {
    }

    static byte[] key(byte[] mediaKey) {
        return Hkdf.derive(mediaKey, null, INFO, 32);
    }

    /** The stanza id the request names, or empty when it does not decrypt or parse. */
    static Optional<String> openRequest(byte[] mediaKey, String messageId, byte[] ciphertext, byte[] iv) {
        try {
            byte[] plain = AesGcm.decrypt(key(mediaKey), iv, messageId.getBytes(StandardCharsets.UTF_8), ciphertext);
            return Optional.of(ServerErrorReceipt.parseFrom(plain).getStanzaId());
        } catch (CryptoException | InvalidProtocolBufferException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code enc_p} of the answer for {@code iv}. */
    static byte[] sealNotification(byte[] mediaKey, String messageId, byte[] iv, MediaRetryNotification notification) {
        try {
            return AesGcm.encrypt(key(mediaKey), iv, messageId.getBytes(StandardCharsets.UTF_8),
                    notification.toByteArray());
        } catch (CryptoException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }
}
