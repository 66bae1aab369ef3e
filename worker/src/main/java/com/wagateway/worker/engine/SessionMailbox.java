package com.wagateway.worker.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial executor for one session: tasks run one at a time in submission order, on a virtual thread that
 * exists only while there is work. Sessions do not wait on each other; one session never runs two things at once.
 */
final class SessionMailbox {

    private static final Logger log = LoggerFactory.getLogger(SessionMailbox.class);

    private final String sessionId;
    private final Executor threads;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    SessionMailbox(String sessionId, Executor threads) {
        this.sessionId = sessionId;
        this.threads = threads;
    }

    void submit(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        threads.execute(this::drain);
    }

    synchronized int pending() {
        return queue.size() + (draining ? 1 : 0);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable t) {
                // tasks report their own failures; this is the last line so the mailbox keeps going
                log.error("session task failed sessionId={}", sessionId, t);
            }
        }
    }
}
