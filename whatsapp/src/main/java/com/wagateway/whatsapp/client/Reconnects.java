package com.wagateway.whatsapp.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What follows a connection that ended for a retryable reason ({@link CloseAction#RESTART}, {@link CloseAction#RECONNECT},
 * {@link CloseAction#CLIENT_OUTDATED}): an immediate reconnect for a 515, a backoff by the {@link ReconnectPolicy}, or
 * the give-up after its attempts. Owns the counters and the timer; touched only on the client's serial executor.
 */
final class Reconnects {

    /** 515s in a row without getting connected before they count as failures (a server looping restarts). */
    static final int MAX_RESTARTS = 3;

    private final ClientContext context;
    private final SerialExecutor serial;
    private final SessionListener listener;
    private final Runnable connect;
    private final Consumer<CloseReason> giveUp;
    private int failures;
    private int outdatedAttempts;
    private int restarts;
    private ScheduledFuture<?> timer;

    /**
     * @param connect opens the next connection (on the serial executor)
     * @param giveUp  ends the client for good with the reason
     */
    Reconnects(ClientContext context, SerialExecutor serial, SessionListener listener, Runnable connect,
               Consumer<CloseReason> giveUp) {
        this.context = context;
        this.serial = serial;
        this.listener = listener;
        this.connect = connect;
        this.giveUp = giveUp;
    }

    /** A retryable end: reconnects now, later, or gives up. */
    void ended(CloseReason reason) {
        switch (reason.action()) {
            case RESTART -> {
                if (++restarts > MAX_RESTARTS) {
                    backOff(new CloseReason(CloseAction.RECONNECT, reason.code(),
                            "restart required " + restarts + " times in a row"));
                } else {
                    connect.run();
                }
            }
            case RECONNECT -> backOff(reason);
            case CLIENT_OUTDATED -> {
                outdatedAttempts++;
                Duration delay = context.config().reconnect().outdatedRetryDelay();
                listener.reconnecting(reason, outdatedAttempts, delay);
                schedule(delay);
            }
            default -> throw new IllegalArgumentException("not a retryable end: " + reason.action());
        }
    }

    static boolean isRetryable(CloseAction action) {
        return action == CloseAction.RESTART || action == CloseAction.RECONNECT
                || action == CloseAction.CLIENT_OUTDATED;
    }

    /** Logged in and set up: the next failure starts the backoff from the beginning. */
    void connected() {
        failures = 0;
        outdatedAttempts = 0;
        restarts = 0;
    }

    /** Paired: the 515 that follows is expected, not one of a loop. */
    void paired() {
        restarts = 0;
    }

    /** The timer fired or a connection is being opened: no timer is pending. */
    void connecting() {
        timer = null;
    }

    void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void backOff(CloseReason reason) {
        ReconnectPolicy policy = context.config().reconnect();
        failures++;
        if (failures > policy.maxAttempts()) {
            giveUp.accept(CloseReasons.gaveUp(reason, policy.maxAttempts()));
            return;
        }
        Duration delay = ReconnectBackoff.delay(policy, failures, context.runtime().random());
        listener.reconnecting(reason, failures, delay);
        schedule(delay);
    }

    private void schedule(Duration delay) {
        timer = context.runtime().scheduler().schedule(() -> serial.execute(connect),
                delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
