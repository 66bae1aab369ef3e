package com.wagateway.whatsapp.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches one media blob into a temporary file (fact sheet §11.4): GET, stop at the first byte past the cap, and
 * stop when the whole transfer outlasts the request timeout (a host that trickles bytes). A 403, 404 or 410 is an
 * answer ({@link Result#gone}), not a failure: the caller may ask the phone to upload again.
 */
final class MediaDownloader {

    private static final int CHUNK = 64 * 1024;

    private final HttpClient http;
    private final MediaSettings settings;
    private final Executor mediaExecutor;
    private final ScheduledExecutorService scheduler;

    MediaDownloader(HttpClient http, MediaSettings settings, Executor mediaExecutor,
                    ScheduledExecutorService scheduler) {
        this.http = http;
        this.settings = settings;
        this.mediaExecutor = mediaExecutor;
        this.scheduler = scheduler;
    }

    /** A blob in {@code file} (the caller deletes it), or the host's "gone" status. */
    record Result(Path file, int goneStatus) {
        boolean gone() {
            return file == null;
        }
    }

    static boolean isGone(int status) {
        return status == 403 || status == 404 || status == 410;
    }

    CompletableFuture<Result> fetch(URI uri, long maxBlobBytes) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Origin", MediaUploader.ORIGIN).GET().build();
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        String host = uri.getHost();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(failure(host, error)))
                .thenCompose(response -> MediaStages.apply(response, r -> read(r, host, maxBlobBytes, deadline),
                        r -> closeQuietly(r.body()), mediaExecutor));
    }

    /** On the media executor. */
    private Result read(HttpResponse<InputStream> response, String host, long maxBlobBytes, long deadline) {
        int status = response.statusCode();
        InputStream body = response.body();
        if (status != 200) {
            closeQuietly(body);
            if (isGone(status)) {
                return new Result(null, status);
            }
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.HOST_ERROR,
                    host + " answered " + status));
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBlobBytes) {
            closeQuietly(body);
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.TOO_LARGE,
                    "media blob of " + declared + " bytes exceeds the limit of " + maxBlobBytes));
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        long remaining = Math.max(0, deadline - System.nanoTime());
        // a blocked read only ends when the stream closes: the timer closes it at the deadline
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            timedOut.set(true);
            closeQuietly(body);
        }, remaining, TimeUnit.NANOSECONDS);
        Path file = null;
        try (InputStream in = body) {
            file = settings.createTempBlob(MediaSettings.DOWNLOAD_TEMP_PREFIX);
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[CHUNK];
                long total = 0;
                int n;
                while ((n = in.read(buffer)) != -1) {
                    total += n;
                    if (total > maxBlobBytes) {
                        throw new MediaTransferException(MediaTransferException.Reason.TOO_LARGE,
                                "media blob exceeds the limit of " + maxBlobBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (timedOut.get()) {
                throw new MediaTransferException(MediaTransferException.Reason.TIMEOUT, host + " timed out");
            }
            Result result = new Result(file, 0);
            file = null;
            return result;
        } catch (MediaTransferException e) {
            throw new CompletionException(e);
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.TIMEOUT,
                        host + " timed out"));
            }
            if (file == null) {
                throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.IO,
                        "cannot create the temporary blob file: " + e.getClass().getSimpleName()));
            }
            // the class name only, and no cause: the HTTP client's messages may quote the URL (direct path, oh/oe)
            throw new CompletionException(new MediaTransferException(MediaTransferException.Reason.HOST_ERROR,
                    host + " failed: " + e.getClass().getSimpleName()));
        } finally {
            timer.cancel(false);
            MediaUploader.delete(file);
        }
    }

    static MediaTransferException failure(String host, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof MediaTransferException mte) {
            return mte;
        }
        if (cause instanceof HttpTimeoutException) {
            return new MediaTransferException(MediaTransferException.Reason.TIMEOUT, host + " timed out");
        }
        // the class name only, and no cause: the HTTP client's messages may quote the URL (direct path, oh/oe)
        return new MediaTransferException(MediaTransferException.Reason.HOST_ERROR,
                host + " failed: " + cause.getClass().getSimpleName());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing is best effort: the response is abandoned either way
        }
    }
}
