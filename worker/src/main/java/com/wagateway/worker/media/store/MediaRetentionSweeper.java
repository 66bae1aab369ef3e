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
    /** The least age at which a temporary file is dead: no transfer with the default time limits runs this long. */
    static final Duration STALE_TEMP = Duration.ofHours(1);
    /** How much older than the longest transfer time limit a temporary file must be to be dead. */
    static final Duration STALE_TEMP_MARGIN = Duration.ofMinutes(10);

    private final MediaStore store;
    private final MediaRetentionProperties properties;
    private final Duration staleTemp;
    private final Clock clock;
    private final MediaStoreListener listener;
    private ScheduledExecutorService timer;

    /** Told how much each sweep removed (the metrics). */
    public interface MediaStoreListener {
        MediaStoreListener NONE = swept -> { };

        void swept(MediaStore.Swept swept);
    }

    /** With the least stale age ({@link #STALE_TEMP}): for transfers within the default time limits (tests). */
    public MediaRetentionSweeper(MediaStore store, MediaRetentionProperties properties, Clock clock,
                                 MediaStoreListener listener) {
        this(store, properties, STALE_TEMP, clock, listener);
    }

    /** @param staleTemp the age after which a temporary file is dead ({@link #staleTempAge}) */
    public MediaRetentionSweeper(MediaStore store, MediaRetentionProperties properties, Duration staleTemp,
                                 Clock clock, MediaStoreListener listener) {
        this.store = store;
        this.properties = properties;
        this.staleTemp = staleTemp;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * The age after which a temporary file is dead: older than the longest time limit of anything that writes one
     * (a fetch, a send's preparation, a download, the client's own transfer) plus {@link #STALE_TEMP_MARGIN}, and at
     * least {@link #STALE_TEMP}. A fixed age would delete a file still being written when those limits are set high.
     */
    public static Duration staleTempAge(Duration... transferLimits) {
        Duration longest = Duration.ZERO;
        for (Duration limit : transferLimits) {
            if (limit != null && limit.compareTo(longest) > 0) {
                longest = limit;
            }
        }
        Duration age = longest.plus(STALE_TEMP_MARGIN);
        return age.compareTo(STALE_TEMP) > 0 ? age : STALE_TEMP;
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
                properties.sweepInterval().toSeconds(), staleTemp.toSeconds());
    }

    /** Whether the timer runs (tests). */
    synchronized boolean started() {
        return timer != null;
    }

    /** One sweep now; answers what it removed. */
    public MediaStore.Swept sweepOnce() {
        Instant now = clock.instant();
        Instant cutoff = properties.sweeps() ? now.minus(properties.retention()) : Instant.MIN;
        MediaStore.Swept swept = store.sweep(cutoff, now.minus(staleTemp));
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
