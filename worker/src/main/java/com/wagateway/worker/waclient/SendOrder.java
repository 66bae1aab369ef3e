package com.wagateway.worker.waclient;

import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one connection's sends to the client in the order they were made, while each one may become ready at its own
 * time (media is prepared in parallel). Each send takes a {@link Turn} when it is made; once it is ready it hands its
 * action to the turn, or gives the turn up (a preparation that failed). Actions run strictly in turn order, each as
 * soon as it and every turn before it are settled.
 *
 * <p>The turns are a FIFO drained in a loop by one thread at a time (whichever settled the head), never by chaining
 * futures: a chain completes each next turn inside the previous one's completion, one stack level per waiting send,
 * and thousands of texts queued behind a slow image would overflow the stack.
 */
final class SendOrder {

    private static final Logger log = LoggerFactory.getLogger(SendOrder.class);

    private final String sessionId;
    private final ArrayDeque<Turn> turns = new ArrayDeque<>();
    private boolean draining;

    SendOrder(String sessionId) {
        this.sessionId = sessionId;
    }

    /** A send's place in the order; settle it exactly once ({@link #run} or {@link #giveUp}), later calls are ignored. */
    final class Turn {
        private Runnable action;

        /** Runs the action when all turns before this one are settled (at once if they are). */
        void run(Runnable handOver) {
            settle(this, handOver);
        }

        /** Nothing to hand over: the turns after this one need not wait for it. */
        void giveUp() {
            settle(this, () -> { });
        }
    }

    /** A new turn after all those taken before. */
    synchronized Turn take() {
        Turn turn = new Turn();
        turns.addLast(turn);
        return turn;
    }

    private void settle(Turn turn, Runnable action) {
        synchronized (this) {
            if (turn.action != null) {
                return;
            }
            turn.action = action;
            if (draining) {
                return; // the thread draining now reaches this turn in its loop
            }
            draining = true;
        }
        drain();
    }

    private void drain() {
        boolean stopped = false;
        try {
            while (true) {
                Turn head;
                synchronized (this) {
                    head = turns.peekFirst();
                    if (head == null || head.action == null) {
                        draining = false;
                        stopped = true;
                        return;
                    }
                    turns.removeFirst();
                }
                try {
                    head.action.run();
                } catch (RuntimeException e) {
                    // an action answers its own send's failure; one that throws must not stop the sends after it
                    log.warn("send hand-over failed sessionId={} error={}", sessionId, e.getClass().getSimpleName());
                }
            }
        } finally {
            if (!stopped) {
                synchronized (this) {
                    draining = false; // an Error left the loop: the next settle drains again
                }
            }
        }
    }
}
