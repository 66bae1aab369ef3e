package com.wagateway.worker.media.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code MEDIA_SWEEP_INTERVAL}, on one daemon thread of its own (a slow disk delays only the next sweep):
 * deletes received media older than {@code MEDIA_RETENTION} (unless it is 0) and, whatever the retention,
 * temporary files older than an hour ({@link MediaStore#sweep}: interrupted or abandoned downloads, the fetcher's
 * and the client's leftovers in {@code .tmp}). Every worker sweeps the folder it sees; with a shared
 * {@code MEDIA_STORAGE_PATH} two workers deleting the same old file is harmless.
 */
public final class MediaRetentionSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaRetentionSweeper.class);
    /** No download runs this long ({@code WA} media timeouts are seconds to minutes); older temporary files are dead. */
    static final Duration STALE_TEMP = Duration.ofHours(1);

    private final MediaStore store;
    private final MediaRetentionProperties properties;
    private final Clock clock;
    private final MediaStoreListener listener;
    private ScheduledExecutorService timer;

    /** Told how much each sweep removed (the metrics). */
    public interface MediaStoreListener {
        MediaStoreListener NONE = swept -> { };

        void swept(MediaStore.Swept swept);
    }

    public MediaRetentionSweeper(MediaStore store, MediaRetentionProperties properties, Clock clock,
                                 MediaStoreListener listener) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.listener = listener;
    }

    /** Starts sweeping (first sweep at once), also with retention 0: temporary files still go. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("media-sweeper").daemon()
                .factory());
        long every = properties.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepSafely, 0, every, TimeUnit.MILLISECONDS);
        log.info("media retention sweeper started retention={} intervalSec={} staleTempSec={}",
                properties.sweeps() ? properties.retention() : "0 (kept until the session is deleted)",
                properties.sweepInterval().toSeconds(), STALE_TEMP.toSeconds());
    }

    /** Whether the timer runs (tests). */
    synchronized boolean started() {
        return timer != null;
    }

    /** One sweep now; answers what it removed. */
    public MediaStore.Swept sweepOnce() {
        Instant now = clock.instant();
        Instant cutoff = properties.sweeps() ? now.minus(properties.retention()) : Instant.MIN;
        MediaStore.Swept swept = store.sweep(cutoff, now.minus(STALE_TEMP));
        if (swept.files() > 0) {
            log.info("media retention sweep files={} bytes={}", swept.files(), swept.bytes());
        }
        listener.swept(swept);
        return swept;
    }

    private void sweepSafely() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            // the next sweep tries again; a scheduled task that throws would never run again
            log.warn("media retention sweep failed reason=\"{}\"", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
