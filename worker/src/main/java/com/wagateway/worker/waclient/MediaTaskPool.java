package com.wagateway.worker.waclient;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The worker's media threads: media sends (fetch, inspection, upload: blocking work of seconds) and the disk work of
 * received files, never on a session's mailbox or the client's pool. Bounded twice: {@code threads} at once and
 * {@code queue} waiting; a send beyond that is refused at once rather than queued without end. Idle threads end.
 */
final class MediaTaskPool implements Executor, AutoCloseable {

    private final ThreadPoolExecutor pool;

    MediaTaskPool(String name, int threads, int queue) {
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                Thread.ofPlatform().name(name + "-", 0).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** @throws java.util.concurrent.RejectedExecutionException when every thread is busy and the queue is full */
    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
