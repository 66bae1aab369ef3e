package com.wagateway.worker.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the engine's observer (the metrics) so that its failures never change a command's outcome: they are
 * swallowed, the first one logged at WARN (later ones at DEBUG, so a broken meter cannot flood the log).
 */
final class GuardedObserver implements EngineObserver {

    private static final Logger log = LoggerFactory.getLogger(GuardedObserver.class);

    private final EngineObserver delegate;
    private final AtomicBoolean warned = new AtomicBoolean();

    private GuardedObserver(EngineObserver delegate) {
        this.delegate = delegate;
    }

    static EngineObserver of(EngineObserver observer) {
        return observer instanceof GuardedObserver ? observer : new GuardedObserver(observer);
    }

    @Override
    public void commandFinished(String type, String outcome, Duration took) {
        try {
            delegate.commandFinished(type, outcome, took);
        } catch (RuntimeException e) {
            failed("commandFinished", e);
        }
    }

    @Override
    public void messageStatus(String status) {
        try {
            delegate.messageStatus(status);
        } catch (RuntimeException e) {
            failed("messageStatus", e);
        }
    }

    @Override
    public void sendAcknowledged(Duration sinceAccepted) {
        try {
            delegate.sendAcknowledged(sinceAccepted);
        } catch (RuntimeException e) {
            failed("sendAcknowledged", e);
        }
    }

    private void failed(String call, RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            log.warn("engine metrics failed, ignored (commands are not affected; further failures at DEBUG) call={}",
                    call, e);
        } else {
            log.debug("engine metrics failed, ignored call={} cause=\"{}\"", call, e.toString());
        }
    }
}
