package com.wagateway.emulator.media;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures injected into the media hosts (admin {@code POST /faults}): a blob that answers 403/404/410 (gone,
 * forbidden: what makes a client ask for a media retry), a blob served with one byte flipped (its MAC no longer
 * verifies), and a host whose next uploads fail with a 5xx (so a client must fall back to the other host).
 * Applied when serving; the stored file is never changed, so a re-upload after a retry is intact.
 */
public final class MediaFaults {

    private final Map<String, Integer> blobStatus = new ConcurrentHashMap<>();
    private final Set<String> tampered = ConcurrentHashMap.newKeySet();
    private final Map<String, UploadFailure> uploadFailures = new ConcurrentHashMap<>();

    /** From now on the blob at {@code pathOnly} answers {@code status} (403, 404 or 410). */
    public void expire(String pathOnly, int status) {
        blobStatus.put(pathOnly, status);
    }

    public OptionalInt blobStatus(String pathOnly) {
        Integer status = blobStatus.get(pathOnly);
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** From now on the blob at {@code pathOnly} is served with one byte flipped. */
    public void tamper(String pathOnly) {
        tampered.add(pathOnly);
    }

    public boolean tampered(String pathOnly) {
        return tampered.contains(pathOnly);
    }

    /** The next {@code count} uploads to {@code host} ({@code 127.0.0.1} or {@code localhost}) get {@code status}. */
    public void failUploads(String host, int status, int count) {
        uploadFailures.put(host, new UploadFailure(status, count));
    }

    /** Takes one injected upload failure for {@code host}, if any is left. */
    public OptionalInt takeUploadFailure(String host) {
        OptionalInt[] taken = {OptionalInt.empty()};
        uploadFailures.computeIfPresent(host, (h, failure) -> {
            taken[0] = OptionalInt.of(failure.status());
            return failure.remaining() > 1 ? new UploadFailure(failure.status(), failure.remaining() - 1) : null;
        });
        return taken[0];
    }

    /** What is armed, for {@code GET /faults}. */
    public Map<String, Object> state() {
        return Map.of("expiredBlobs", Map.copyOf(blobStatus), "tamperedBlobs", Set.copyOf(tampered),
                "uploadFailures", Map.copyOf(uploadFailures));
    }

    /** {@code remaining} more uploads to a host fail with {@code status}. */
    public record UploadFailure(int status, int remaining) {
    }
}
