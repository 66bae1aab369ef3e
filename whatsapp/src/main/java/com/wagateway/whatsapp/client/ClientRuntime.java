package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.crypto.RandomSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What all clients of one process share: one HttpClient (a selector thread and buffers each, so never one per
 * session), one scheduler for timers (keep-alive, QR rotation, reconnect backoff, IQ timeouts), the random source
 * and the clock. The owner closes them. Give the scheduler {@code setRemoveOnCancelPolicy(true)}: a closed client
 * cancels its timers, and a cancelled task left in the queue keeps the client reachable until its delay passes.
 *
 * <p>{@code tasks} runs each client's work (frames in, encryption, sends, store writes), one task of a client at a
 * time. That work blocks on the session store (each Signal record write is fsynced before the ciphertext leaves),
 * so a server with many busy sessions gives it more threads than cores; otherwise a few fsyncs occupy every thread
 * and all sessions wait. The four-argument form runs the tasks on the scheduler, as before.
 *
 * <p>{@code media} runs media encryption, decryption and media file IO (uploads and downloads stream whole files
 * through it). Give it a bounded pool: its size caps how many transfers are encrypted or written at once, across
 * all sessions. The shorter forms use {@link MediaExecutor#shared()}.
 */
public record ClientRuntime(HttpClient httpClient, ScheduledExecutorService scheduler, RandomSource random,
                            Clock clock, Executor tasks, Executor media) {

    public ClientRuntime {
        java.util.Objects.requireNonNull(media, "media");
    }

    public ClientRuntime(HttpClient httpClient, ScheduledExecutorService scheduler, RandomSource random, Clock clock,
                         Executor tasks) {
        this(httpClient, scheduler, random, clock, tasks, MediaExecutor.shared());
    }

    public ClientRuntime(HttpClient httpClient, ScheduledExecutorService scheduler, RandomSource random, Clock clock) {
        this(httpClient, scheduler, random, clock, scheduler);
    }
}
