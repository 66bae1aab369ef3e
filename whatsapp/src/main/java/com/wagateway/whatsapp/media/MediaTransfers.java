package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One session's media transfers (fact sheet §11): the cached {@code media_conn}, uploads, downloads and the media
 * retry a download falls back to when the host no longer has the file. Encryption, decryption and file IO run on the
 * media executor; nothing here runs on the session's serial executor or blocks the shared scheduler.
 */
public final class MediaTransfers {

    private static final System.Logger LOG = System.getLogger(MediaTransfers.class.getName());
    /** PKCS#7 adds 1..16 bytes, the MAC 10: a blob of a file within the cap is at most this much larger. */
    static final int BLOB_OVERHEAD = 16 + MediaCipher.MAC_LENGTH;

    private final String sessionId;
    private final MediaSettings settings;
    private final MediaSession session;
    private final Executor mediaExecutor;
    private final RandomSource random;
    private final MediaConnections connections;
    private final MediaUploader uploader;
    private final MediaDownloader downloader;
    private final MediaRetryWaits retries;

    public MediaTransfers(String sessionId, MediaSettings settings, MediaSession session, Executor mediaExecutor,
                          ScheduledExecutorService scheduler, RandomSource random, Clock clock) {
        this.sessionId = sessionId;
        this.settings = settings;
        this.session = session;
        this.mediaExecutor = mediaExecutor;
        this.random = random;
        this.connections = new MediaConnections(session::query, clock);
        var http = MediaHttpClients.forSettings(settings);
        this.uploader = new MediaUploader(sessionId, http, settings, mediaExecutor, scheduler, random, clock,
                connections);
        this.downloader = new MediaDownloader(http, settings, mediaExecutor, scheduler);
        this.retries = new MediaRetryWaits(scheduler);
    }

    /** Encrypts and uploads; see {@code WhatsAppClient.uploadMedia}. */
    public CompletableFuture<UploadedMedia> upload(Path plaintext, MediaType type, long maxBytes) {
        if (session.me() == null) {
            return CompletableFuture.failedFuture(new MediaTransferException(
                    MediaTransferException.Reason.NOT_CONNECTED, "not logged in"));
        }
        return unwrap(uploader.upload(plaintext, type, maxBytes));
    }

    /** Downloads, verifies and decrypts; see {@code WhatsAppClient.downloadMedia}. */
    public CompletableFuture<MediaHashes> download(MediaSource source, Path target, long maxBytes) {
        MediaInfo media = source.media();
        if (media == null || media.mediaKey() == null || (media.directPath() == null && media.url() == null)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("message carries no downloadable media"));
        }
        if (media.fileLength() > maxBytes) {
            return CompletableFuture.failedFuture(new MediaTransferException(MediaTransferException.Reason.TOO_LARGE,
                    "file of " + media.fileLength() + " bytes exceeds the limit of " + maxBytes));
        }
        long maxBlob = maxBytes + BLOB_OVERHEAD;
        CompletableFuture<MediaHashes> result = connections.get()
                .exceptionallyCompose(MediaTransfers::connectionFailure)
                .thenApply(conn -> downloadUri(media, conn))
                .thenCompose(first -> downloader.fetch(first, maxBlob)).thenCompose(fetched -> {
            if (!fetched.gone()) {
                return CompletableFuture.completedFuture(fetched);
            }
            LOG.log(System.Logger.Level.INFO, "event=media_gone sessionId={0} id={1} status={2}", sessionId,
                    source.messageId(), String.valueOf(fetched.goneStatus()));
            return requestRetry(source).thenCompose(uri -> downloader.fetch(uri, maxBlob)).thenApply(again -> {
                if (again.gone()) {
                    throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.GONE,
                            "media host answered " + again.goneStatus() + " after the phone uploaded again"));
                }
                return again;
            });
        }).thenCompose(blob -> MediaStages.apply(blob, b -> decryptTo(b.file(), media, target, maxBytes),
                b -> MediaUploader.delete(b.file()), mediaExecutor));
        return unwrap(result);
    }

    /** A {@code <notification type="mediaretry">} (already acked): completes the download waiting for it. */
    public void onRetryNotification(Node notification) {
        if (!retries.answer(notification)) {
            LOG.log(System.Logger.Level.DEBUG, "event=media_retry_unclaimed sessionId={0} id={1}", sessionId,
                    notification.attr("id"));
        }
    }

    /** Downloads waiting for a phone's answer (tests, metrics). */
    int waitingRetries() {
        return retries.size();
    }

    /** Sends the media-retry request and completes with the URI of the new upload. */
    private CompletableFuture<URI> requestRetry(MediaSource source) {
        Jid me = session.me();
        if (me == null) {
            return CompletableFuture.failedFuture(new MediaTransferException(
                    MediaTransferException.Reason.NOT_CONNECTED, "not logged in: cannot ask the phone to upload again"));
        }
        byte[] mediaKey = source.media().mediaKey();
        Node request = MediaRetryNodes.request(source.messageId(), mediaKey, random.bytes(12), me, source.chat(),
                source.fromMe(), source.participant());
        CompletableFuture<Node> answer = retries.await(source.messageId(), settings.retryTimeout());
        return session.send(request).thenCompose(sent -> {
            if (!sent) {
                MediaTransferException e = new MediaTransferException(MediaTransferException.Reason.NOT_CONNECTED,
                        "not connected: cannot ask the phone to upload again");
                retries.cancel(source.messageId(), answer, e);
                return CompletableFuture.failedFuture(e);
            }
            LOG.log(System.Logger.Level.INFO, "event=media_retry_requested sessionId={0} id={1}", sessionId,
                    source.messageId());
            return answer;
        }).thenCompose(notification -> MediaStages.apply(notification, n -> {
            try {
                return MediaRetryNodes.directPath(n, mediaKey);
            } catch (MediaTransferException e) {
                throw new CompletionException(e);
            }
        }, n -> { }, mediaExecutor)).thenCompose(directPath -> retryHost().thenApply(host -> {
            try {
                return httpsOnly(URI.create("https://" + host + directPath));
            } catch (IllegalArgumentException e) {
                throw new CompletionException(new MediaTransferException(
                        MediaTransferException.Reason.RETRY_FAILED, "media-retry answer has an unusable path"));
            }
        }));
    }

    /**
     * Where a received message's blob is fetched. The message's url and direct path come from the sending peer, so
     * the host does not: a direct path goes to the first {@code media_conn} host (the server's choice; Baileys 7.x
     * {@code getMediaHost}), and a message with only a url is fetched from it only when that url names one of the
     * server's media hosts or a {@code whatsapp.net} host. A peer thus cannot point the client at another server.
     */
    static URI downloadUri(MediaInfo media, MediaConn conn) {
        try {
            if (media.directPath() != null) {
                if (!media.directPath().startsWith("/")) {
                    throw new IllegalArgumentException("direct path must start with /");
                }
                return httpsOnly(URI.create("https://" + conn.downloadHost() + media.directPath()));
            }
            URI url = httpsOnly(URI.create(media.url()));
            String host = hostOf(media.url());
            boolean known = conn.hosts().stream().anyMatch(h -> h.hostname().equalsIgnoreCase(host));
            if (host == null || !(known || url.getHost().toLowerCase(java.util.Locale.ROOT).endsWith(".whatsapp.net"))) {
                throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.HOST_ERROR,
                        "media url does not name a media host"));
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.HOST_ERROR,
                    "message has an unusable media URL or path"));
        }
    }

    /** After a media retry: the first {@code media_conn} host, as Baileys {@code updateMediaMessage} points it. */
    private CompletableFuture<String> retryHost() {
        return connections.get().exceptionallyCompose(MediaTransfers::connectionFailure).thenApply(MediaConn::downloadHost);
    }

    private static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            String authority = uri.getRawAuthority();
            return authority != null && MediaConn.validHostname(authority) ? authority : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static URI httpsOnly(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("media URLs are https");
        }
        return uri;
    }

    /** On the media executor: verifies and decrypts beside {@code target}, then moves it into place. */
    private MediaHashes decryptTo(Path blob, MediaInfo media, Path target, long maxBytes) {
        Path partial = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            partial = Files.createTempFile(dir, "." + target.getFileName() + "-", ".part");
            MediaHashes hashes;
            try (InputStream in = Files.newInputStream(blob); OutputStream out = Files.newOutputStream(partial)) {
                hashes = MediaCipher.decrypt(in, out, media.mediaKey(), media.type(), media.fileEncSha256(),
                        media.fileSha256(), maxBytes + BLOB_OVERHEAD);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            partial = null;
            LOG.log(System.Logger.Level.INFO, "event=media_downloaded sessionId={0} type={1} bytes={2}", sessionId,
                    media.type().wireName(), String.valueOf(hashes.fileLength()));
            return hashes;
        } catch (MediaVerificationException e) {
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.VERIFICATION,
                    "media does not verify: " + e.reason(), e));
        } catch (MediaTooLargeException e) {
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.TOO_LARGE,
                    e.getMessage()));
        } catch (IOException e) {
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.IO,
                    "cannot write the media file: " + e.getClass().getSimpleName(), e));
        } finally {
            MediaUploader.delete(partial);
            MediaUploader.delete(blob);
        }
    }

    /** A media_conn that could not be fetched: NOT_CONNECTED passes through, anything else is a host error. */
    static <T> CompletableFuture<T> connectionFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof MediaTransferException e) {
            return CompletableFuture.failedFuture(e);
        }
        // the class name only, and no cause: a message may quote what the query carried
        return CompletableFuture.failedFuture(new MediaTransferException(MediaTransferException.Reason.HOST_ERROR,
                "media_conn failed: " + cause.getClass().getSimpleName()));
    }

    /** Callers see the {@link MediaTransferException} itself, not a CompletionException around it. */
    private static <T> CompletableFuture<T> unwrap(CompletableFuture<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        future.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        return result;
    }
}
