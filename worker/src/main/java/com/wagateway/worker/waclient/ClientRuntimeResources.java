package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.ClientRuntime;
import com.wagateway.whatsapp.client.MediaExecutor;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What every session's client shares, owned here and closed with the worker: one HttpClient (one selector thread
 * for all WebSockets), one small timer pool (keep-alives, QR rotation, backoff, IQ timeouts: short tasks only),
 * a pool for the clients' own work, one SecureRandom, the UTC clock.
 *
 * <p>The clients' work has its own, larger pool because it blocks: every Signal record is fsynced before its
 * ciphertext is sent. On the 2-thread timer pool two fsyncs stalled all sessions (≈ 80–270 messages/s for 20–50
 * sessions, docs/performance.md "End-to-end messaging"); with more threads the fsyncs of different sessions overlap
 * (the file system commits them together). Platform threads, not virtual ones: the Signal code keeps its cipher and
 * MAC instances per thread. Idle threads end after a minute, so an idle worker keeps few.
 */
public final class ClientRuntimeResources implements AutoCloseable {

    private final HttpClient http;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor tasks;
    private final ExecutorService media;
    private final ClientRuntime runtime;

    /** The clients' work on the timer threads (tests, small tools). */
    public ClientRuntimeResources(int timerThreads) {
        this(timerThreads, 0);
    }

    /** @param taskThreads threads for the clients' work; 0 runs it on the timer threads */
    public ClientRuntimeResources(int timerThreads, int taskThreads) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        this.scheduler = new ScheduledThreadPoolExecutor(timerThreads,
                Thread.ofPlatform().name("wa-client-timer-", 0).daemon().factory());
        // thousands of sessions each re-arm timers: cancelled ones must not pile up in the queue
        scheduler.setRemoveOnCancelPolicy(true);
        // media encryption and file IO: bounded so that many transfers at once cannot take every core
        this.media = MediaExecutor.bounded(Math.max(2, Runtime.getRuntime().availableProcessors()));
        if (taskThreads > 0) {
            this.tasks = new ThreadPoolExecutor(taskThreads, taskThreads, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), Thread.ofPlatform().name("wa-client-task-", 0).daemon().factory());
            tasks.allowCoreThreadTimeOut(true);
            this.runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC(), tasks, media);
        } else {
            this.tasks = null;
            this.runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC(), scheduler,
                    media);
        }
    }

    public ClientRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        if (tasks != null) {
            tasks.shutdown();
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduler.shutdownNow();
        }
        if (tasks != null) {
            tasks.shutdownNow();
        }
        media.shutdownNow();
        http.shutdownNow();
    }
}
