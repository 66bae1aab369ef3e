package com.wagateway.whatsapp.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded pools for media work ({@link ClientRuntime#media()}): encryption and file IO of uploads and downloads, which
 * must stay off the sessions' serial executors and the shared scheduler.
 */
public final class MediaExecutor {

    private MediaExecutor() {
    }

    /**
     * A pool of {@code threads} daemon threads ({@code wa-media-N}) that end after a minute idle; the queue holds what
     * waits for a thread. The owner shuts it down.
     */
    public static ExecutorService bounded(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("media threads must be at least 1");
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "wa-media-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
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
