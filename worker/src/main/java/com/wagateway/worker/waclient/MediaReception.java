package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.media.MediaHashes;
import com.wagateway.whatsapp.media.MediaInfo;
import com.wagateway.whatsapp.media.MediaTooLargeException;
import com.wagateway.whatsapp.media.MediaTransferException;
import com.wagateway.whatsapp.media.MediaVerificationException;
import com.wagateway.worker.connector.ConnectionListener.InboundMedia;
import com.wagateway.worker.media.MediaObserver;
import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.media.store.MediaIds;
import com.wagateway.worker.media.store.MediaStore;
import com.wagateway.worker.media.FileNames;
import com.wagateway.worker.media.content.MediaExtensions;
import com.wagateway.worker.media.store.StoredMedia;
import com.wagateway.worker.message.MessageType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a received message's media with the client (download, MAC and hash verification, decryption; a media
 * retry through the phone when the host says the file is gone) into the session's media folder, and describes the
 * outcome for the {@code message received} event. The stage it returns always completes normally, within one
 * deadline ({@code MEDIA_DOWNLOAD_TIMEOUT} from the message's arrival: waiting for the client to start, for a
 * download slot and the download itself): a failure is an {@link InboundMedia} with the error, so the message is
 * still published and acknowledged (WhatsApp would only redeliver the same unfetchable media) and nothing a sender
 * sends can stop the session. The client keeps the message unacknowledged that long ({@code ClientSettings}).
 *
 * <p>Downloads are bounded worker-wide ({@link DownloadSlots}); a message that finds no slot within
 * {@code MEDIA_DOWNLOAD_WAIT} is published with a "too busy" error, never dropped. A download that outlives the
 * deadline is cancelled and its temporary name is abandoned ({@link MediaStore#abandon}), so its plaintext cannot
 * appear on disk later.
 */
final class MediaReception {

    private static final Logger log = LoggerFactory.getLogger(MediaReception.class);
    private final MediaStore store;
    private final MediaSizeLimits limits;
    private final Duration timeout;
    private final DownloadSlots slots;
    private final Duration slotWait;
    private final Executor files;
    private final MediaObserver observer;
    private final MediaDownload downloads;

    /**
     * @param timeout  the longest the whole stage may take (the client's start, the slot wait, the download with
     *                 media retry); past it the message is published with the error
     * @param slots    the worker's bound on downloads at once
     * @param slotWait the longest a download waits for a slot (within {@code timeout}); then "too busy"
     * @param files    where the finished file is moved into place and its sidecar written (disk work, off the
     *                 client's threads)
     */
    MediaReception(MediaStore store, MediaSizeLimits limits, Duration timeout, DownloadSlots slots, Duration slotWait,
                   Executor files, MediaObserver observer) {
        this(store, limits, timeout, slots, slotWait, files, observer, MediaDownload.CLIENT);
    }

    /** @param downloads starts each download: the client's own, or a test's seam */
    MediaReception(MediaStore store, MediaSizeLimits limits, Duration timeout, DownloadSlots slots, Duration slotWait,
                   Executor files, MediaObserver observer, MediaDownload downloads) {
        this.downloads = downloads;
        this.store = store;
        this.limits = limits;
        this.timeout = timeout;
        this.slots = slots;
        this.slotWait = slotWait;
        this.files = files;
        this.observer = observer;
    }

    Duration timeout() {
        return timeout;
    }

    /** @param client the session's client, once started (a message may come before {@code start} returns) */
    CompletionStage<InboundMedia> receive(String sessionId, CompletionStage<WhatsAppClient> client,
                                          IncomingMessage m) {
        long deadline = System.nanoTime() + timeout.toNanos();
        MediaInfo info = m.media();
        MessageType type = typeOf(m);
        String wire = type == null ? m.type() : type.wire();
        String fileName = fileName(m, info);
        Long stated = info.fileLength() > 0 ? info.fileLength() : null;
        if (type == null) {
            return done(sessionId, m, wire, failed(info, stated, fileName, "media type " + m.type() + " is not stored"));
        }
        if (!MediaIds.valid(m.messageId())) {
            return done(sessionId, m, wire, failed(info, stated, fileName, "media not stored: the message id is not "
                    + "a plain name"));
        }
        long cap = limits.maxBytes(type);
        if (info.fileLength() > cap) {
            return done(sessionId, m, wire, failed(info, stated, fileName, "media too large: " + info.fileLength()
                    + " bytes, the limit for " + wire + " is " + cap));
        }
        Duration wait = slotWait.compareTo(timeout) < 0 ? slotWait : timeout;
        return slots.acquire(wait).thenCompose(slot -> slot == null
                ? CompletableFuture.completedFuture(failed(info, stated, fileName, "media not stored: too busy, "
                        + slots.max() + " downloads running (MEDIA_MAX_CONCURRENT_DOWNLOADS) and none ended within "
                        + wait.toSeconds() + "s"))
                : download(sessionId, client, m, wire, cap, fileName, deadline, slot))
                .thenApply(media -> report(sessionId, m, wire, media));
    }

    /** With a slot held: waits for the client, downloads into a temporary name, stores; the slot goes when done. */
    private CompletableFuture<InboundMedia> download(String sessionId, CompletionStage<WhatsAppClient> client,
                                                     IncomingMessage m, String wire, long cap, String fileName,
                                                     long deadline, DownloadSlots.Slot slot) {
        MediaInfo info = m.media();
        Long stated = info.fileLength() > 0 ? info.fileLength() : null;
        CompletableFuture<InboundMedia> result = new CompletableFuture<>();
        client.toCompletableFuture().copy().orTimeout(remaining(deadline), TimeUnit.NANOSECONDS)
                .whenComplete((c, notStarted) -> {
                    if (notStarted != null) {
                        slot.release();
                        result.complete(failed(info, stated, fileName, downloadError(notStarted, cap, wire)));
                        return;
                    }
                    Path temp;
                    try {
                        temp = store.reserveTemp(sessionId, m.messageId());
                    } catch (MediaStore.SessionGoneException e) {
                        slot.release();
                        result.complete(failed(info, stated, fileName, "media not stored: the session was deleted"));
                        return;
                    } catch (IOException | RuntimeException e) {
                        slot.release();
                        result.complete(failed(info, stated, fileName, "media not stored: " + FailureText.of(e)));
                        return;
                    }
                    CompletableFuture<MediaHashes> download;
                    try {
                        download = downloads.start(c, m, temp, cap);
                    } catch (RuntimeException e) {
                        download = CompletableFuture.failedFuture(e);
                    }
                    // the slot is held for as long as the client's download runs, not only while we wait for it
                    download.whenComplete((hashes, error) -> slot.release());
                    CompletableFuture<MediaHashes> original = download;
                    download.copy().orTimeout(remaining(deadline), TimeUnit.NANOSECONDS)
                            .whenComplete((hashes, error) -> {
                                if (error == null) {
                                    store(sessionId, m, wire, temp, hashes, fileName, result);
                                    return;
                                }
                                if (unwrap(error) instanceof TimeoutException) {
                                    original.cancel(true);
                                    store.abandon(temp); // a late finish must not leave the plaintext behind
                                } else {
                                    store.discard(temp);
                                }
                                result.complete(failed(info, stated, fileName, downloadError(error, cap, wire)));
                            });
                });
        return result;
    }

    private void store(String sessionId, IncomingMessage m, String wire, Path temp, MediaHashes hashes,
                       String fileName, CompletableFuture<InboundMedia> result) {
        try {
            files.execute(() -> result.complete(stored(sessionId, m, wire, temp, hashes, fileName)));
        } catch (RejectedExecutionException e) {
            store.discard(temp);
            result.complete(failed(m.media(), m.media().fileLength() > 0 ? m.media().fileLength() : null, fileName,
                    "media not stored: the worker is shutting down"));
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private InboundMedia stored(String sessionId, IncomingMessage m, String wire, Path temp, MediaHashes hashes,
                                String fileName) {
        MediaInfo info = m.media();
        try {
            StoredMedia s = store.commit(sessionId, m.messageId(), temp, wire, info.mimetype(),
                    HexFormat.of().formatHex(hashes.fileSha256()), fileName);
            return new InboundMedia(s.mimetype(), s.size(), s.fileName(), s.sha256(),
                    "/api/session/" + sessionId + "/media/" + m.messageId(), info.seconds(), info.width(),
                    info.height(), info.ptt(), null);
        } catch (MediaStore.SessionGoneException e) {
            store.discard(temp);
            return failed(info, info.fileLength() > 0 ? info.fileLength() : null, fileName,
                    "media not stored: the session was deleted");
        } catch (IOException | RuntimeException e) {
            store.discard(temp);
            return failed(info, info.fileLength() > 0 ? info.fileLength() : null, fileName,
                    "media not stored: " + FailureText.of(e));
        }
    }

    private InboundMedia report(String sessionId, IncomingMessage m, String wire, InboundMedia media) {
        if (media.error() == null) {
            observer.received(wire, media.size() == null ? 0 : media.size());
            log.info("media stored sessionId={} messageId={} type={} bytes={}", sessionId, m.messageId(), wire,
                    media.size());
        } else {
            observer.receiveFailed(wire);
            log.warn("media not stored sessionId={} messageId={} type={} reason=\"{}\"", sessionId, m.messageId(),
                    wire, media.error());
        }
        return media;
    }

    private CompletionStage<InboundMedia> done(String sessionId, IncomingMessage m, String wire, InboundMedia media) {
        return CompletableFuture.completedFuture(report(sessionId, m, wire, media));
    }

    private static InboundMedia failed(MediaInfo info, Long stated, String fileName, String error) {
        return InboundMedia.failed(info.mimetype(), stated, fileName, info.seconds(), info.ptt(), error);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String downloadError(Throwable error, long cap, String wire) {
        Throwable cause = unwrap(error);
        return switch (cause) {
            case TimeoutException t -> "media download timed out after " + timeout.toSeconds() + "s";
            case MediaVerificationException v -> "media verification failed: " + v.reason().name()
                    .toLowerCase(Locale.ROOT) + (v.getMessage() == null ? "" : " (" + v.getMessage() + ")");
            case MediaTooLargeException t -> "media too large: more than " + cap + " bytes, the limit for " + wire;
            case MediaTransferException t -> switch (t.reason()) {
                case VERIFICATION -> "media verification failed: " + FailureText.message(t);
                case TOO_LARGE -> "media too large: more than " + cap + " bytes, the limit for " + wire;
                case GONE -> "media gone from WhatsApp's servers: " + FailureText.message(t);
                case RETRY_FAILED -> "media re-upload by the sender failed: " + FailureText.message(t);
                case TIMEOUT -> "media download timed out: " + FailureText.message(t);
                case NOT_CONNECTED, HOST_ERROR, IO, TOO_BUSY -> "media download failed: " + FailureText.message(t);
            };
            case CancellationException c -> "media download cancelled";
            default -> "media download failed: " + FailureText.of(cause);
        };
    }

    static MessageType typeOf(IncomingMessage m) {
        return switch (m.media().type()) {
            case IMAGE -> MessageType.IMAGE;
            case VIDEO -> MessageType.VIDEO;
            case AUDIO, PTT -> MessageType.AUDIO;
            case DOCUMENT -> MessageType.DOCUMENT;
            default -> null;
        };
    }

    /** A document's own name, sanitized; otherwise the message id with the mimetype's usual extension. */
    static String fileName(IncomingMessage m, MediaInfo info) {
        String fallbackBase = MediaIds.valid(m.messageId()) ? m.messageId() : "media";
        String fallback = fallbackBase + "." + MediaExtensions.forMimetype(info.mimetype());
        return FileNames.sanitize(info.fileName(), fallback);
    }
}
