package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.binary.Node;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Downloads waiting for the phone's {@code mediaretry} notification, by message id. A notification nobody waits for
 * is dropped (it answers a request of an earlier run, or one that timed out).
 */
final class MediaRetryWaits {

    private final Map<String, CompletableFuture<Node>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    MediaRetryWaits(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Registers before the request is sent, so an answer that comes at once is not missed; fails with
     * {@link MediaTransferException.Reason#TIMEOUT} after {@code timeout}. A second wait for the same id shares the
     * first.
     */
    CompletableFuture<Node> await(String messageId, Duration timeout) {
        CompletableFuture<Node> created = new CompletableFuture<>();
        CompletableFuture<Node> existing = waiting.putIfAbsent(messageId, created);
        if (existing != null) {
            return existing;
        }
        var timer = scheduler.schedule(() -> {
            // removed before completing: the waiting download continues inside completeExceptionally
            waiting.remove(messageId, created);
            created.completeExceptionally(new MediaTransferException(MediaTransferException.Reason.TIMEOUT,
                    "no media-retry answer from the phone within " + timeout));
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.whenComplete((node, error) -> {
            timer.cancel(false);
            waiting.remove(messageId, created);
        });
        return created;
    }

    /** Ends a wait without an answer (the request could not be sent). */
    void cancel(String messageId, CompletableFuture<Node> wait, MediaTransferException reason) {
        waiting.remove(messageId, wait);
        wait.completeExceptionally(reason);
    }

    /** @return whether a download was waiting for it */
    boolean answer(Node notification) {
        String id = notification.attr("id");
        CompletableFuture<Node> wait = id == null ? null : waiting.remove(id);
        return wait != null && wait.complete(notification);
    }

    int size() {
        return waiting.size();
    }
}
