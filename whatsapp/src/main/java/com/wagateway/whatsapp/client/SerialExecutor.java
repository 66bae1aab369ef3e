package com.wagateway.whatsapp.client;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one client's tasks one at a time, in order, on a shared executor: the client's state is only touched
 * from here, so it needs no locks and no thread of its own (10,000 idle sessions must not cost 10,000 threads).
 */
final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor delegate;
    private final String sessionId;
    private ArrayDeque<Runnable> queue; // guarded by this; allocated on first use
    private boolean scheduled;

    SerialExecutor(Executor delegate, String sessionId) {
        this.delegate = delegate;
        this.sessionId = sessionId;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            queue.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                scheduled = false;
                queue.clear();
            }
            LOG.log(System.Logger.Level.WARNING, "event=client_task_rejected sessionId={0} reason=executor_shut_down",
                    sessionId);
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    scheduled = false;
                    if (queue.isEmpty()) {
                        queue = null; // idle sessions keep no queue
                    }
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "event=client_task_failed sessionId=" + sessionId, t);
            }
        }
    }
}
