package com.wagateway.worker.engine;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Offsets of one {@code wa.commands} partition handed to the engine and not finished yet. Sessions finish out of
 * order, so the offset that may be committed is the lowest one still running (or one past the highest seen when
 * nothing runs): a commit never covers a command that has not executed.
 */
final class PartitionProgress {

    private final TreeSet<Long> running = new TreeSet<>();
    private long nextAfterSeen = -1;
    private long committed = -1;

    synchronized void track(long offset) {
        running.add(offset);
        nextAfterSeen = Math.max(nextAfterSeen, offset + 1);
    }

    synchronized void done(long offset) {
        running.remove(offset);
        if (running.isEmpty()) {
            notifyAll();
        }
    }

    synchronized int inFlight() {
        return running.size();
    }

    /** The offset to commit when it moved since the last {@link #committed(long)}. */
    synchronized OptionalLong committable() {
        long safe = running.isEmpty() ? nextAfterSeen : running.first();
        return safe > committed ? OptionalLong.of(safe) : OptionalLong.empty();
    }

    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Waits until nothing of this partition runs; false when the time ran out first. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
