package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.ClientRuntime;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What every session's client shares, owned here and closed with the worker: one HttpClient (one selector thread
 * for all WebSockets), one small timer pool (keep-alives, QR rotation, backoff, IQ timeouts: short tasks only),
 * one SecureRandom, the UTC clock.
 */
public final class ClientRuntimeResources implements AutoCloseable {

    private final HttpClient http;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ClientRuntime runtime;

    public ClientRuntimeResources(int timerThreads) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        this.scheduler = new ScheduledThreadPoolExecutor(timerThreads,
                Thread.ofPlatform().name("wa-client-timer-", 0).daemon().factory());
        // thousands of sessions each re-arm timers: cancelled ones must not pile up in the queue
        scheduler.setRemoveOnCancelPolicy(true);
        this.runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC());
    }

    public ClientRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduler.shutdownNow();
        }
        http.shutdownNow();
    }
}
