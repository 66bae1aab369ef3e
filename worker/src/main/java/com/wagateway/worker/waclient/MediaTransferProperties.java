package com.wagateway.worker.waclient;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How media moves between the worker and WhatsApp ({@code application.yml} maps the environment variables; README,
 * "Configuration").
 *
 * @param threads         {@code MEDIA_THREADS}: media sends prepared at once (fetch, inspect, encrypt, upload),
 *                        worker-wide; default 8
 * @param queue           {@code MEDIA_QUEUE}: media sends waiting for a thread; beyond it a send is {@code failed}
 *                        at once ("too many media sends"); default 200
 * @param prepareTimeout  {@code MEDIA_PREPARE_TIMEOUT}: the longest a media send may take from the command to the
 *                        message handed to WhatsApp (queue wait, fetch, inspection, upload); past it the send is
 *                        {@code failed} and never sent later; null (default): {@code MEDIA_FETCH_TIMEOUT} +
 *                        {@code WA_MEDIA_REQUEST_TIMEOUT} + 30 s
 * @param downloadTimeout {@code MEDIA_DOWNLOAD_TIMEOUT}: one deadline for a received file, from the message's
 *                        arrival: waiting for a download slot, the download (media retry through the phone
 *                        included) and storing it; past it the message is published with the error and
 *                        acknowledged (the client keeps it unacknowledged that long plus
 *                        {@link #KEEP_MARGIN}); default 2 minutes
 * @param maxConcurrentDownloads {@code MEDIA_MAX_CONCURRENT_DOWNLOADS}: received files downloading at once,
 *                        worker-wide (each holds a transfer and up to twice its size on disk); default 16
 * @param downloadWait    {@code MEDIA_DOWNLOAD_WAIT}: how long a received file waits for a download slot when all
 *                        are taken (within {@code downloadTimeout}); then the message is published with the error
 *                        "media not stored: too busy…", never dropped; default 30 s
 */
@ConfigurationProperties("worker.media-transfer")
public record MediaTransferProperties(Integer threads, Integer queue, Duration prepareTimeout,
                                      Duration downloadTimeout, Integer maxConcurrentDownloads,
                                      Duration downloadWait) {

    /**
     * What the client's keep-timeout (how long a received message may stay unacknowledged while the worker stores
     * it) allows beyond {@code downloadTimeout}: moving the file into place and publishing the event to Kafka.
     */
    public static final Duration KEEP_MARGIN = Duration.ofSeconds(30);

    public MediaTransferProperties {
        threads = threads == null ? 8 : threads;
        queue = queue == null ? 200 : queue;
        downloadTimeout = downloadTimeout == null ? Duration.ofMinutes(2) : downloadTimeout;
        maxConcurrentDownloads = maxConcurrentDownloads == null ? 16 : maxConcurrentDownloads;
        downloadWait = downloadWait == null ? Duration.ofSeconds(30) : downloadWait;
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("MEDIA_THREADS must be 1..256, was " + threads);
        }
        if (queue < 0 || queue > 100_000) {
            throw new IllegalArgumentException("MEDIA_QUEUE must be 0..100000, was " + queue);
        }
        if (prepareTimeout != null && !prepareTimeout.isPositive()) {
            throw new IllegalArgumentException("MEDIA_PREPARE_TIMEOUT must be a positive duration, was "
                    + prepareTimeout);
        }
        if (!downloadTimeout.isPositive()) {
            throw new IllegalArgumentException("MEDIA_DOWNLOAD_TIMEOUT must be a positive duration, was "
                    + downloadTimeout);
        }
        if (maxConcurrentDownloads < 1 || maxConcurrentDownloads > 10_000) {
            throw new IllegalArgumentException("MEDIA_MAX_CONCURRENT_DOWNLOADS must be 1..10000, was "
                    + maxConcurrentDownloads);
        }
        if (downloadWait.isNegative()) {
            throw new IllegalArgumentException("MEDIA_DOWNLOAD_WAIT must be 0 (no waiting) or a positive duration, "
                    + "was " + downloadWait);
        }
    }

    public static MediaTransferProperties defaults() {
        return new MediaTransferProperties(null, null, null, null, null, null);
    }

    /** How long the client may hold a received message unacknowledged: the download deadline plus the margin. */
    public Duration inboundKeepTimeout() {
        return downloadTimeout.plus(KEEP_MARGIN);
    }
}
