package com.wagateway.whatsapp.client;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded pools for media work ({@link ClientRuntime#media()}): encryption and file IO of uploads and downloads, which
 * must stay off the sessions' serial executors and the shared scheduler. Threads and the queue of waiting steps are
 * both bounded: a burst of transfers beyond the queue is refused at once (the transfer fails with
 * {@code MediaTransferException.Reason.TOO_BUSY}, releasing what it held) instead of piling up blobs and open
 * downloads without limit.
 */
public final class MediaExecutor {

    /** Default for the queue: steps waiting for a thread (each is one transfer's next step) before refusals. */
    public static final int DEFAULT_QUEUE_CAPACITY = 256;

    private MediaExecutor() {
    }

    /** {@link #bounded(int, int)} with {@link #DEFAULT_QUEUE_CAPACITY}. */
    public static ExecutorService bounded(int threads) {
        return bounded(threads, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * A pool of {@code threads} daemon threads ({@code wa-media-N}) that end after a minute idle, with at most
     * {@code queueCapacity} steps waiting; a step beyond that (or after shutdown) is refused with a
     * {@link RejectedExecutionException} saying so. The owner shuts it down.
     */
    public static ExecutorService bounded(int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("media threads and queue capacity must be at least 1");
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "wa-media-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (task, executor) -> {
                    throw new RejectedExecutionException(executor.isShutdown() ? "media executor is shut down"
                            : "media executor busy: " + threads + " threads and " + queueCapacity + " steps waiting");
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The process-wide default for runtimes built without one: as many threads as cores (at least 2), never shut. */
    public static ExecutorService shared() {
        return Shared.POOL;
    }

    private static final class Shared {
        static final ExecutorService POOL = bounded(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }
}
