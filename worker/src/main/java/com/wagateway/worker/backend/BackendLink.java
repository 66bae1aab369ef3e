package com.wagateway.worker.backend;

import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker's side of the spec's "Worker-Backend Communication Protocol": registers on start, retrying with
 * exponential backoff and jitter until the Backend takes it (the worker serves meanwhile; each failed attempt is
 * logged once), then sends a heartbeat every interval. A heartbeat answered 404 means the Backend forgot the worker:
 * it registers again. On shutdown a last heartbeat says {@code offline}. Runs on one virtual thread.
 */
public final class BackendLink implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackendLink.class);

    private final BackendClient backend;
    private final String workerId;
    private final Supplier<Registration> registration;
    private final HeartbeatFigures figures;
    private final Duration interval;
    private final IntervalFunction backoff;
    private volatile boolean running;
    private volatile boolean registered;
    private Thread thread;

    BackendLink(BackendClient backend, String workerId, Supplier<Registration> registration, HeartbeatFigures figures,
                BackendLinkProperties settings) {
        this.backend = backend;
        this.workerId = workerId;
        this.registration = registration;
        this.figures = figures;
        this.interval = settings.heartbeatInterval();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.registerBackoffInitial(), 2.0, 0.2,
                settings.registerBackoffMax());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name("wa-backend-link").start(this::run);
    }

    /** The last heartbeat says offline, so the Backend stops routing to this worker before it goes away. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (registered) {
            try {
                int status = backend.heartbeat(workerId, new Heartbeat("offline", figures.measure()));
                log.info("backend told offline workerId={} status={}", workerId, status);
            } catch (IOException | InterruptedException e) {
                log.warn("backend not told offline workerId={} cause=\"{}\"", workerId, e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server (the Backend may call us as soon as we register); stops before it and the relay. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 100;
    }

    public boolean registered() {
        return registered;
    }

    private void run() {
        try {
            while (running) {
                if (!registered) {
                    registerUntilAccepted();
                }
                Thread.sleep(interval);
                heartbeat();
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private void registerUntilAccepted() throws InterruptedException {
        for (int attempt = 1; running; attempt++) {
            Registration body = registration.get();
            String failure;
            try {
                int status = backend.register(body);
                if (status >= 200 && status < 300) {
                    registered = true;
                    log.info("backend registration accepted workerId={} endpoint={} attempt={}", workerId,
                            body.endpoint(), attempt);
                    return;
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = e.toString();
            }
            Duration wait = Duration.ofMillis(backoff.apply(attempt));
            log.warn("backend registration failed workerId={} attempt={} cause=\"{}\" retryInMs={}", workerId, attempt,
                    failure, wait.toMillis());
            Thread.sleep(wait);
        }
    }

    private void heartbeat() throws InterruptedException {
        try {
            int status = backend.heartbeat(workerId, new Heartbeat("online", figures.measure()));
            if (status == 404) {
                registered = false;
                log.warn("backend does not know this worker, registering again workerId={}", workerId);
            } else if (status < 200 || status >= 300) {
                log.warn("heartbeat refused workerId={} status={}", workerId, status);
            } else {
                log.debug("heartbeat sent workerId={}", workerId);
            }
        } catch (IOException e) {
            log.warn("heartbeat failed workerId={} cause=\"{}\"", workerId, e.toString());
        }
    }
}
