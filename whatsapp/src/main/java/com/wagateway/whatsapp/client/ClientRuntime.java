package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.crypto.RandomSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What all clients of one process share: one HttpClient (a selector thread and buffers each, so never one per
 * session), one scheduler for timers (keep-alive, QR rotation, reconnect backoff, IQ timeouts), the random source
 * and the clock. The owner closes them. Give the scheduler {@code setRemoveOnCancelPolicy(true)}: a closed client
 * cancels its timers, and a cancelled task left in the queue keeps the client reachable until its delay passes.
 */
public record ClientRuntime(HttpClient httpClient, ScheduledExecutorService scheduler, RandomSource random,
                            Clock clock) {}
