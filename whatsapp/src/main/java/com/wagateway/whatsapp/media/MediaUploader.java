package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.cli.JsonReader;
import com.wagateway.whatsapp.cli.JsonSyntaxException;
import com.wagateway.whatsapp.cli.JsonValue;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Encrypts a file to a temporary blob and uploads it (fact sheet §11.4): one host after the other in the
 * {@code media_conn} order until one answers with a {@code url} or {@code direct_path}; when all failed, once more
 * with a fresh {@code media_conn}. Each host's whole exchange (sending, the answer's headers and its body) ends at the
 * request timeout. The blob file is deleted whatever happens.
 */
final class MediaUploader {

    private static final System.Logger LOG = System.getLogger(MediaUploader.class.getName());
    static final String ORIGIN = "https://web.whatsapp.com";
    /** The host's JSON answer is a few hundred bytes; anything far larger is not an upload answer. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final String sessionId;
    private final HttpClient http;
    private final MediaSettings settings;
    private final Executor mediaExecutor;
    private final ScheduledExecutorService scheduler;
    private final RandomSource random;
    private final Clock clock;
    private final MediaConnections connections;

    MediaUploader(String sessionId, HttpClient http, MediaSettings settings, Executor mediaExecutor,
                  ScheduledExecutorService scheduler, RandomSource random, Clock clock,
                  MediaConnections connections) {
        this.sessionId = sessionId;
        this.http = http;
        this.settings = settings;
        this.mediaExecutor = mediaExecutor;
        this.scheduler = scheduler;
        this.random = random;
        this.clock = clock;
        this.connections = connections;
    }

    CompletableFuture<UploadedMedia> upload(Path plaintext, MediaType type, long maxBytes) {
        String path;
        try {
            path = UploadPaths.of(type);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Encrypted> encrypted = MediaStages.supply(() -> encrypt(plaintext, type, maxBytes),
                mediaExecutor);
        CompletableFuture<UploadedMedia> result = encrypted.thenCompose(blob -> connections.get()
                .exceptionallyCompose(MediaTransfers::connectionFailure)
                .thenCompose(conn -> tryHosts(blob, path, conn, 0, false, null))
                .thenApply(answer -> new UploadedMedia(type, answer.url(), answer.directPath(), blob.mediaKey,
                        blob.hashes, blob.timestamp)));
        // the blob is removed once the upload ended either way (or never, if encryption already removed it)
        result.whenComplete((ok, error) -> encrypted.thenAccept(blob -> delete(blob.file)));
        return result;
    }

    private record Encrypted(Path file, byte[] mediaKey, MediaHashes hashes, long timestamp) {}

    private record Answer(String url, String directPath) {}

    /** On the media executor: never on a session's serial executor or the shared scheduler. */
    private Encrypted encrypt(Path plaintext, MediaType type, long maxBytes) {
        byte[] mediaKey = random.bytes(32);
        long timestamp = clock.instant().getEpochSecond();
        Path blob = null;
        try {
            blob = settings.createTempBlob(MediaSettings.UPLOAD_TEMP_PREFIX);
            MediaHashes hashes;
            try (InputStream in = Files.newInputStream(plaintext); OutputStream out = Files.newOutputStream(blob)) {
                hashes = MediaCipher.encrypt(in, out, mediaKey, type, maxBytes);
            }
            return new Encrypted(blob, mediaKey, hashes, timestamp);
        } catch (MediaTooLargeException e) {
            delete(blob);
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.TOO_LARGE,
                    "file is larger than " + maxBytes + " bytes"));
        } catch (IOException | UncheckedIOException e) {
            delete(blob);
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.IO,
                    "cannot read or encrypt the file: " + e.getClass().getSimpleName(), e));
        }
    }

    private CompletableFuture<Answer> tryHosts(Encrypted blob, String path, MediaConn conn, int index,
                                               boolean refreshed, Failure last) {
        List<MediaConn.Host> hosts = conn.hosts();
        if (index >= hosts.size()) {
            if (last != null && last.reason == MediaTransferException.Reason.TOO_LARGE) {
                // every host refused the size: a fresh media_conn would list the same limits
                return CompletableFuture.failedFuture(new MediaTransferException(last.reason, last.message));
            }
            if (!refreshed) {
                return connections.refresh(conn).exceptionallyCompose(MediaTransfers::connectionFailure)
                        .thenCompose(fresh -> tryHosts(blob, path, fresh, 0, true, last));
            }
            return CompletableFuture.failedFuture(new MediaTransferException(
                    last == null ? MediaTransferException.Reason.HOST_ERROR : last.reason,
                    "no media host took the upload: " + (last == null ? "no host" : last.message)));
        }
        MediaConn.Host host = hosts.get(index);
        if (host.maxContentLengthBytes() > 0 && blob.hashes.encryptedLength() > host.maxContentLengthBytes()) {
            Failure tooLarge = new Failure(MediaTransferException.Reason.TOO_LARGE, "blob of "
                    + blob.hashes.encryptedLength() + " bytes exceeds the limit of " + host.hostname());
            boolean anyFits = last != null && last.reason != MediaTransferException.Reason.TOO_LARGE;
            return tryHosts(blob, path, conn, index + 1, refreshed, anyFits ? last : tooLarge);
        }
        String token = token(blob.hashes.fileEncSha256());
        URI uri = URI.create("https://" + host.hostname() + path + "/" + token + "?auth=" + encodeComponent(conn.auth())
                + "&token=" + token);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/octet-stream")
                .header("Origin", ORIGIN)
                .POST(bodyOf(blob.file))
                .build();
        // HttpRequest.timeout ends when the headers arrive: the answer's body is bounded by the same deadline
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenCompose(response -> MediaStages.apply(response,
                        r -> readAnswer(r, host.hostname(), deadline), r -> closeQuietly(r.body()), mediaExecutor))
                .handle((answer, error) -> {
                    if (error == null && answer.answer != null) {
                        LOG.log(System.Logger.Level.INFO, "event=media_uploaded sessionId={0} host={1} bytes={2}",
                                sessionId, host.hostname(), String.valueOf(blob.hashes.encryptedLength()));
                        return CompletableFuture.completedFuture(answer.answer);
                    }
                    Failure failure = error == null ? answer.failure : failureOf(host.hostname(), error);
                    if (failure.reason == MediaTransferException.Reason.TOO_BUSY) {
                        return CompletableFuture.<Answer>failedFuture(MediaStages.tooBusy());
                    }
                    LOG.log(System.Logger.Level.WARNING, "event=media_upload_host_failed sessionId={0} host={1} "
                            + "error=\"{2}\"", sessionId, host.hostname(), failure.message);
                    return tryHosts(blob, path, conn, index + 1, refreshed, failure);
                })
                .thenCompose(f -> f);
    }

    private record Failure(MediaTransferException.Reason reason, String message) {}

    private record Outcome(Answer answer, Failure failure) {}

    /** On the media executor. */
    private Outcome readAnswer(HttpResponse<InputStream> response, String host, long deadline) {
        AtomicBoolean timedOut = new AtomicBoolean();
        InputStream answerBody = response.body();
        // a blocked read only ends when the stream closes (which also cancels the exchange): the timer closes it
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            timedOut.set(true);
            closeQuietly(answerBody);
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try (InputStream body = answerBody) {
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (timedOut.get()) {
                return new Outcome(null, new Failure(MediaTransferException.Reason.TIMEOUT, host + " timed out"));
            }
            int status = response.statusCode();
            if (status == 413) {
                return new Outcome(null, new Failure(MediaTransferException.Reason.TOO_LARGE,
                        host + " answered 413"));
            }
            if (status / 100 != 2) {
                return new Outcome(null, new Failure(MediaTransferException.Reason.HOST_ERROR,
                        host + " answered " + status));
            }
            if (bytes.length > MAX_ANSWER_BYTES) {
                return new Outcome(null, new Failure(MediaTransferException.Reason.HOST_ERROR,
                        host + " answered with an oversized body"));
            }
            JsonValue json = JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
            String url = null;
            String directPath = null;
            if (json instanceof JsonValue.JsonObject object) {
                url = string(object, "url");
                directPath = string(object, "direct_path");
            }
            if (url == null && directPath == null) {
                return new Outcome(null, new Failure(MediaTransferException.Reason.HOST_ERROR,
                        host + " answered without url or direct_path"));
            }
            return new Outcome(new Answer(url, directPath), null);
        } catch (JsonSyntaxException e) {
            return new Outcome(null, new Failure(MediaTransferException.Reason.HOST_ERROR,
                    host + " answered with invalid JSON"));
        } catch (IOException e) {
            return new Outcome(null, timedOut.get()
                    ? new Failure(MediaTransferException.Reason.TIMEOUT, host + " timed out") : failureOf(host, e));
        } finally {
            timer.cancel(false);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing is best effort: the exchange is abandoned either way
        }
    }

    private static String string(JsonValue.JsonObject object, String name) {
        return object.members().get(name) instanceof JsonValue.JsonString s && !s.value().isEmpty() ? s.value() : null;
    }

    private static Failure failureOf(String host, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return new Failure(MediaTransferException.Reason.TIMEOUT, host + " timed out");
        }
        if (cause instanceof MediaTransferException e) {
            return new Failure(e.reason(), e.getMessage());
        }
        // the class name only: an exception's message might quote the URL, and the URL holds the auth token
        return new Failure(MediaTransferException.Reason.HOST_ERROR,
                host + " failed: " + cause.getClass().getSimpleName());
    }

    private static HttpRequest.BodyPublisher bodyOf(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code base64url(fileEncSha256)} without padding (§11.4); its alphabet needs no URL escaping. */
    static String token(byte[] fileEncSha256) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fileEncSha256);
    }

    /** As JavaScript's {@code encodeURIComponent} for the characters that matter: space is %20, not '+'. */
    static String encodeComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "event=media_temp_delete_failed file={0} error={1}", file,
                    e.getClass().getSimpleName());
        }
    }
}
