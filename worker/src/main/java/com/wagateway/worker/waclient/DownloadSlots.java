package com.wagateway.worker.waclient;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code MEDIA_MAX_CONCURRENT_DOWNLOADS} received files downloading at once, worker-wide: each holds an
 * HTTPS transfer and up to two files of its size on disk (the encrypted blob, the plaintext), so a burst of large
 * documents must not open them all at once. A download beyond the bound waits for a free slot, in arrival order, at
 * most a given time; nothing blocks a thread while it waits.
 */
final class DownloadSlots {

    /** A held slot; {@link #release} hands it to the next waiting download (calling it again does nothing). */
    interface Slot {
        void release();
    }

    private final int max;
    private final ArrayDeque<CompletableFuture<Slot>> waiting = new ArrayDeque<>();
    private int used;

    DownloadSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one download slot");
        }
        this.max = max;
    }

    int max() {
        return max;
    }

    /** A slot at once when one is free; else the first to free up within {@code wait}; else null after it. */
    CompletableFuture<Slot> acquire(Duration wait) {
        CompletableFuture<Slot> slot = new CompletableFuture<>();
        synchronized (this) {
            if (used < max) {
                used++;
                slot.complete(newSlot());
                return slot;
            }
            waiting.add(slot);
        }
        slot.completeOnTimeout(null, Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        slot.whenComplete((held, error) -> {
            if (held == null) {
                synchronized (this) {
                    waiting.remove(slot);
                }
            }
        });
        return slot;
    }

    /** Slots held now (tests, logs). */
    synchronized int inUse() {
        return used;
    }

    private Slot newSlot() {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                handOver();
            }
        };
    }

    /** The freed slot goes to the oldest waiter still waiting; when none is, it is free again. */
    private void handOver() {
        while (true) {
            CompletableFuture<Slot> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    used--;
                    return;
                }
            }
            if (next.complete(newSlot())) {
                return; // the slot moved on; the count stays
            }
            // that waiter gave up at the same moment: try the next
        }
    }
}
