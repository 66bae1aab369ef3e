package com.wagateway.worker.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets session restores start at most {@code rate} per second (a token bucket holding one second's worth), so a
 * worker that starts, or takes over partitions, with thousands of stored sessions does not storm WhatsApp's
 * server with handshakes. Tasks run in the order given, on one daemon thread; each should only queue work.
 */
final class RestorePacer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestorePacer.class);

    private final double rate;
    private final long nanosPerPermit;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** @param rate restores per second, more than 0 */
    RestorePacer(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("RESTORE_RATE must be more than 0 sessions per second, was " + rate);
        }
        this.rate = rate;
        this.nanosPerPermit = Math.max(1, (long) (1_000_000_000L / rate));
        this.thread = Thread.ofPlatform().name("wa-restore-pacer").daemon().start(this::run);
    }

    double rate() {
        return rate;
    }

    void submit(Runnable task) {
        if (!closed) {
            queue.add(task);
        }
    }

    /** Restores still waiting for a permit. */
    int waiting() {
        return queue.size();
    }

    private void run() {
        double capacity = Math.max(1, rate);
        double tokens = capacity;
        long last = System.nanoTime();
        try {
            while (!closed) {
                Runnable task = queue.poll(200, TimeUnit.MILLISECONDS);
                if (task == null) {
                    continue;
                }
                long now = System.nanoTime();
                tokens = Math.min(capacity, tokens + (now - last) / (double) nanosPerPermit);
                last = now;
                if (tokens < 1) {
                    long waitNanos = (long) ((1 - tokens) * nanosPerPermit);
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                    now = System.nanoTime();
                    tokens = Math.min(capacity, tokens + (now - last) / (double) nanosPerPermit);
                    last = now;
                }
                tokens -= 1;
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("session restore could not be queued", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        thread.interrupt();
    }
}
