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
 * @param downloadTimeout {@code MEDIA_DOWNLOAD_TIMEOUT}: the longest a received file's download may take (media
 *                        retry through the phone included); past it the message is published with the error and
 *                        acknowledged; default 2 minutes
 */
@ConfigurationProperties("worker.media-transfer")
public record MediaTransferProperties(Integer threads, Integer queue, Duration prepareTimeout,
                                      Duration downloadTimeout) {

    public MediaTransferProperties {
        threads = threads == null ? 8 : threads;
        queue = queue == null ? 200 : queue;
        downloadTimeout = downloadTimeout == null ? Duration.ofMinutes(2) : downloadTimeout;
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
    }

    public static MediaTransferProperties defaults() {
        return new MediaTransferProperties(null, null, null, null);
    }
}
