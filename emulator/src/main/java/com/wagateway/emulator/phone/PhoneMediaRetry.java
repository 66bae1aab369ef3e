package com.wagateway.emulator.phone;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.emulator.protocol.Stanzas;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.media.MediaRetryCrypto;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.proto.MediaRetryProtos.MediaRetryNotification;
import com.wagateway.whatsapp.proto.MediaRetryProtos.ServerErrorReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone's side of a media retry (Baileys {@code updateMediaMessage}, whatsmeow {@code mediaretry.go}): remembers
 * the media it sent (bounded), opens the requester's {@code ServerErrorReceipt}, "re-uploads" the blob under a new
 * direct path and seals the {@code MediaRetryNotification} answer. The key is the client's
 * ({@link MediaRetryCrypto#retryKey}); the phone runs the opposite directions of the same AES-256-GCM (message id as
 * associated data). Runs on the phone's serial worker, like {@link VirtualPhone}.
 */
final class PhoneMediaRetry {

    private static final Logger log = LoggerFactory.getLogger(PhoneMediaRetry.class);
    private static final int MAX_REMEMBERED = 1_000;

    private final String number;
    private final PhoneMedia media;
    private final PhoneLog phoneLog;
    private final RandomSource random;
    private final Clock clock;
    private final Map<String, SentMedia> sent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SentMedia> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    PhoneMediaRetry(String number, PhoneMedia media, PhoneLog phoneLog, RandomSource random, Clock clock) {
        this.number = number;
        this.media = media;
        this.phoneLog = phoneLog;
        this.random = random;
        this.clock = clock;
    }

    /** Keeps what answering a media retry for message {@code id} needs. */
    void remember(String id, UploadedMedia uploaded) {
        sent.put(id, new SentMedia(uploaded.type(), uploaded.mediaKey(), uploaded.directPath()));
    }

    /**
     * Answers {@code <receipt type="server-error">} for a message this phone sent with the
     * {@code <notification type="mediaretry">} for the requesting device: the encrypted
     * {@code MediaRetryNotification} (SUCCESS and the new path; DECRYPTION_ERROR when the request does not decrypt to
     * this message id; NOT_FOUND when the blob is gone from the store), or {@code <error code="2"/>} (what whatsmeow
     * reads as "not available on the phone") when the phone does not know the message.
     *
     * @param requesterUser the requesting account's own user JID, the notification's {@code from}
     */
    Node answer(Node receipt, String requesterUser) {
        String id = receipt.attr("id");
        Node rmr = receipt.child("rmr");
        Node encrypt = receipt.child("encrypt");
        SentMedia known = sent.get(id);
        List<Node> children = new ArrayList<>();
        children.add(rmr == null ? Node.of("rmr", Attributes.empty()) : rmr);
        String outcome;
        if (known == null) {
            children.add(Node.of("error", Attributes.of("code", "2")));
            outcome = "unknown_message";
        } else {
            byte[] ciphertext = encrypt == null ? null : Stanzas.data(encrypt.child("enc_p"));
            byte[] iv = encrypt == null ? null : Stanzas.data(encrypt.child("enc_iv"));
            Optional<String> stanzaId = ciphertext == null || iv == null ? Optional.empty()
                    : openRequest(known.mediaKey(), id, ciphertext, iv);
            MediaRetryNotification.Builder answer = MediaRetryNotification.newBuilder().setStanzaId(id);
            if (stanzaId.isEmpty() || !stanzaId.get().equals(id)) {
                answer.setResult(MediaRetryNotification.ResultType.DECRYPTION_ERROR);
                outcome = "decryption_error";
            } else {
                Optional<String> path;
                try {
                    path = media.reupload(known.directPath());
                } catch (IOException e) {
                    log.warn("event=media_reupload_failed phone={} id={} error={}", number, id,
                            e.getClass().getSimpleName());
                    path = Optional.empty();
                }
                if (path.isPresent()) {
                    sent.put(id, new SentMedia(known.type(), known.mediaKey(), path.get()));
                    phoneLog.mediaPath(id, path.get());
                    answer.setResult(MediaRetryNotification.ResultType.SUCCESS).setDirectPath(path.get());
                    outcome = "reuploaded";
                } else {
                    answer.setResult(MediaRetryNotification.ResultType.NOT_FOUND);
                    outcome = "blob_missing";
                }
            }
            byte[] answerIv = random.bytes(12);
            byte[] sealed = sealNotification(known.mediaKey(), id, answerIv, answer.build());
            children.add(Node.of("encrypt", Attributes.empty(), List.of(Node.of("enc_p", Attributes.empty(), sealed),
                    Node.of("enc_iv", Attributes.empty(), answerIv))));
        }
        log.info("event=media_retry_answered phone={} id={} outcome={}", number, id, outcome);
        return Node.of("notification", Attributes.builder().put("from", requesterUser).put("type", "mediaretry")
                .put("id", id).put("t", Long.toString(clock.instant().getEpochSecond())).build(), children);
    }

    /** The stanza id the request names, or empty when it does not decrypt or parse. */
    private static Optional<String> openRequest(byte[] mediaKey, String messageId, byte[] ciphertext, byte[] iv) {
        try {
            byte[] plain = AesGcm.decrypt(MediaRetryCrypto.retryKey(mediaKey), iv, aad(messageId), ciphertext);
            return Optional.of(ServerErrorReceipt.parseFrom(plain).getStanzaId());
        } catch (CryptoException | InvalidProtocolBufferException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code enc_p} of the answer for {@code iv}. */
    private static byte[] sealNotification(byte[] mediaKey, String messageId, byte[] iv,
                                           MediaRetryNotification notification) {
        try {
            return AesGcm.encrypt(MediaRetryCrypto.retryKey(mediaKey), iv, aad(messageId), notification.toByteArray());
        } catch (CryptoException e) {
            throw new IllegalStateException("AES-GCM encryption cannot fail with a 32-byte key", e);
        }
    }

    private static byte[] aad(String messageId) {
        return messageId.getBytes(StandardCharsets.UTF_8);
    }

    /** Media this phone sent: enough to re-upload it and answer a media retry. */
    private record SentMedia(MediaType type, byte[] mediaKey, String directPath) {
    }
}
