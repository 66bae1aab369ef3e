package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.jid.Jid;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every listener call as an event, in order. */
final class RecordingListener implements SessionListener {

    sealed interface Event permits Qr, Connected, Reconnecting, Closed {}

    record Qr(String text) implements Event {}

    record Connected(Jid me, Jid lid) implements Event {}

    record Reconnecting(CloseReason reason, int attempt, Duration delay) implements Event {}

    record Closed(CloseReason reason) implements Event {}

    /**
     * Waits for an expected event are upper bounds: stretched so a 2-core machine busy with other builds (CI, or
     * parallel test JVMs) does not fail a test whose event is merely late. Waits that expect nothing stay as written.
     */
    static final int SLOW_MACHINE_FACTOR = 4;

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    volatile boolean throwFromCallbacks;
    /** Runs inside {@link #connected}, before it returns: what a listener can rely on at that moment. */
    volatile Runnable onConnected = () -> { };

    @Override
    public void qr(String qrString) {
        record(new Qr(qrString));
    }

    @Override
    public void connected(Jid me, Jid lid) {
        onConnected.run();
        record(new Connected(me, lid));
    }

    @Override
    public void reconnecting(CloseReason reason, int attempt, Duration delay) {
        record(new Reconnecting(reason, attempt, delay));
    }

    @Override
    public void closed(CloseReason reason) {
        record(new Closed(reason));
    }

    private void record(Event e) {
        events.add(e);
        if (throwFromCallbacks) {
            throw new IllegalStateException("listener bug (test)");
        }
    }

    /** The next event, which must be of {@code type}. */
    <T extends Event> T next(Class<T> type, int seconds) throws InterruptedException {
        Event e = events.poll((long) seconds * SLOW_MACHINE_FACTOR, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + seconds * SLOW_MACHINE_FACTOR + " s, expected "
                    + type.getSimpleName());
        }
        if (!type.isInstance(e)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + e);
        }
        return type.cast(e);
    }

    /** Skips events until one of {@code type}. */
    <T extends Event> T until(Class<T> type, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) seconds * SLOW_MACHINE_FACTOR);
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + seconds * SLOW_MACHINE_FACTOR
                        + " s");
            }
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }
}
