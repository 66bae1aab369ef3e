package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.media.MediaMessages;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.media.MediaPreparation;
import com.wagateway.worker.media.MediaRefusedException;
import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.media.PreparedMedia;
import com.wagateway.worker.message.MessageType;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a media send before the message goes to WhatsApp: fetch the URL and inspect the bytes
 * ({@link MediaPreparation}), encrypt and upload the file ({@link WhatsAppClient#uploadMedia}), build the media
 * message. It runs on the bounded media executor, so a slow URL holds neither the session's mailbox nor the
 * client's threads, and it is cut off after {@code prepareTimeout}: the future then fails and the message is never
 * sent afterwards (the send is chained on this future, which is already completed). The temporary file is deleted
 * whatever happens.
 */
final class MediaSender {

    private static final Logger log = LoggerFactory.getLogger(MediaSender.class);

    /** Why a media send ended before the message was sent; {@code refused} when the URL or content was refused. */
    static final class MediaSendFailure extends RuntimeException {
        private final boolean refused;

        MediaSendFailure(String reason, boolean refused) {
            super(reason, null, false, false);
            this.refused = refused;
        }

        boolean refused() {
            return refused;
        }
    }

    /** The message to send and the plaintext size (for the metrics). */
    record Built(Message content, long size) {}

    private final MediaPreparation preparation;
    private final MediaSizeLimits limits;
    private final Executor executor;
    private final Duration prepareTimeout;

    MediaSender(MediaPreparation preparation, MediaSizeLimits limits, Executor executor, Duration prepareTimeout) {
        this.preparation = preparation;
        this.limits = limits;
        this.executor = executor;
        this.prepareTimeout = prepareTimeout;
    }

    /** The longest {@link #prepare} takes before it fails: what a media send adds to a text's outcome bound. */
    Duration prepareTimeout() {
        return prepareTimeout;
    }

    /** Completes with the message to send, or fails with a {@link MediaSendFailure} naming the reason. */
    CompletableFuture<Built> prepare(String sessionId, WhatsAppClient client, OutboundMessage m) {
        CompletableFuture<Built> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + prepareTimeout.toNanos();
        try {
            executor.execute(() -> run(sessionId, client, m, deadline, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new MediaSendFailure("media send refused: too many media sends in "
                    + "progress on this worker, try again later", false));
            return result;
        }
        return result.orTimeout(prepareTimeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new MediaSendFailure("media not ready within "
                        + prepareTimeout.toSeconds() + "s (fetch and upload)", false));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private void run(String sessionId, WhatsAppClient client, OutboundMessage m, long deadline,
                     CompletableFuture<Built> result) {
        if (result.isDone()) {
            return; // waited in the queue past the time limit: nothing fetched, nothing sent
        }
        MessageType type = m.type();
        Built built;
        try (PreparedMedia media = preparation.prepare(m)) {
            if (result.isDone()) {
                return;
            }
            long cap = limits.maxBytes(type);
            if (media.size() > cap) { // the fetcher stops at the cap; this only guards a preparation that did not
                throw new MediaRefusedException("media too large: " + media.size() + " bytes, the limit for "
                        + type.wire() + " is " + cap);
            }
            UploadedMedia uploaded = upload(client, media, type, cap, deadline);
            built = new Built(message(type, uploaded, media, m), media.size());
        } catch (MediaRefusedException e) {
            result.completeExceptionally(new MediaSendFailure(e.getMessage(), true));
            return;
        } catch (IOException e) {
            result.completeExceptionally(new MediaSendFailure("media fetch failed: " + FailureText.message(e), false));
            return;
        } catch (ExecutionException e) {
            result.completeExceptionally(new MediaSendFailure(
                    "media upload failed: " + FailureText.message(e.getCause()), false));
            return;
        } catch (TimeoutException e) {
            result.completeExceptionally(new MediaSendFailure("media upload not done within "
                    + prepareTimeout.toSeconds() + "s", false));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new MediaSendFailure("media send interrupted (worker stopping)", false));
            return;
        } catch (RuntimeException e) {
            // whatever a URL returns, the session goes on: the send is failed with the reason
            log.warn("media send failed unexpectedly sessionId={} messageId={}", sessionId, m.messageId(), e);
            result.completeExceptionally(new MediaSendFailure("media send failed: " + FailureText.message(e), false));
            return;
        }
        result.complete(built); // after the temporary file is deleted
    }

    /**
     * Uploads within the time left. On a timeout or an interrupt the upload's future is cancelled: nothing will send
     * what it uploads, and the cancel is how the worker tells the client so (whether the transfer stops at once is the
     * client's part; its own upload time limit ends it in any case).
     */
    private static UploadedMedia upload(WhatsAppClient client, PreparedMedia media, MessageType type, long cap,
                                        long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture<UploadedMedia> upload = client.uploadMedia(media.file(), uploadType(type), cap);
        try {
            return upload.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            upload.cancel(true);
            throw e;
        }
    }

    /**
     * The caption is {@code media.caption}, else the command's text (the spec's {@code message}); audio has none.
     */
    static Message message(MessageType type, UploadedMedia uploaded, PreparedMedia media, OutboundMessage m) {
        String caption = m.caption() != null && !m.caption().isBlank() ? m.caption() : m.text();
        return switch (type) {
            case IMAGE -> MediaMessages.image(uploaded, media.mimetype(), caption, media.width(), media.height(),
                    media.thumbnail());
            case VIDEO -> MediaMessages.video(uploaded, media.mimetype(), caption, media.seconds(), media.width(),
                    media.height(), media.thumbnail());
            case AUDIO -> MediaMessages.audio(uploaded, media.mimetype(), media.seconds(), media.voiceNote());
            case DOCUMENT -> MediaMessages.document(uploaded, media.mimetype(), media.fileName(), caption);
            case TEXT -> throw new IllegalArgumentException("text is not media");
        };
    }

    static MediaType uploadType(MessageType type) {
        return switch (type) {
            case IMAGE -> MediaType.IMAGE;
            case VIDEO -> MediaType.VIDEO;
            case AUDIO -> MediaType.AUDIO;
            case DOCUMENT -> MediaType.DOCUMENT;
            case TEXT -> throw new IllegalArgumentException("text is not media");
        };
    }
}
