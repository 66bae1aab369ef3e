package com.wagateway.worker.metrics;

import com.wagateway.worker.media.MediaObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code wa_media_total{direction,type,outcome}} (direction {@code sent}/{@code received}, outcome {@code ok},
 * {@code failed} or {@code refused}), {@code wa_media_bytes_total{direction}} of files sent and stored, and
 * {@code wa_media_swept_files_total} / {@code wa_media_swept_bytes_total} of the retention sweeper.
 */
public final class MediaMeters implements MediaObserver {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public MediaMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void sent(String type, long bytes) {
        count("sent", type, "ok");
        bytes("sent").increment(bytes);
    }

    @Override
    public void sendFailed(String type, boolean refused) {
        count("sent", type, refused ? "refused" : "failed");
    }

    @Override
    public void received(String type, long bytes) {
        count("received", type, "ok");
        bytes("received").increment(bytes);
    }

    @Override
    public void receiveFailed(String type) {
        count("received", type, "failed");
    }

    @Override
    public void swept(int files, long bytes) {
        counters.computeIfAbsent("swept-files", k -> Counter.builder("wa.media.swept.files")
                .description("Stored media files deleted by the retention sweeper").register(registry)).increment(files);
        counters.computeIfAbsent("swept-bytes", k -> Counter.builder("wa.media.swept.bytes")
                .description("Bytes of stored media deleted by the retention sweeper").register(registry))
                .increment(bytes);
    }

    private void count(String direction, String type, String outcome) {
        String t = type == null ? "unknown" : type;
        counters.computeIfAbsent(direction + "/" + t + "/" + outcome, k -> Counter.builder("wa.media")
                .description("Media messages sent and received, by outcome").tag("direction", direction)
                .tag("type", t).tag("outcome", outcome).register(registry)).increment();
    }

    private Counter bytes(String direction) {
        return counters.computeIfAbsent("bytes/" + direction, k -> Counter.builder("wa.media.bytes")
                .description("Bytes of media files sent and stored").tag("direction", direction).register(registry));
    }
}
