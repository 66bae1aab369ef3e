package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Node;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs sends one after another in the order asked: a send that needs the server (device list, bundles, group
 * metadata) holds the next one back until its stanza is written, so messages to a chat leave in order and one
 * device's session is never set up twice. Runs on the serial executor.
 */
final class SendQueue {

    private static final System.Logger LOG = System.getLogger(SendQueue.class.getName());

    private final MessagingContext context;
    private ArrayDeque<Supplier<CompletableFuture<?>>> queue;
    private boolean busy;

    SendQueue(MessagingContext context) {
        this.context = context;
    }

    /** Sends a finished stanza; a send whose connection ended meanwhile fails rather than going out later. */
    void write(Node stanza) {
        if (!context.stanzas().isOpen()) {
            throw new MessageSendException(MessageSendException.CONNECTION_ENDED, "connection ended before sending");
        }
        context.stanzas().send(stanza);
    }

    void enqueue(Supplier<CompletableFuture<?>> job) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(job);
        pump();
    }

    /** Runs queued sends until one waits for the server; its completion resumes the queue (no recursion). */
    private void pump() {
        while (!busy && queue != null && !queue.isEmpty()) {
            Supplier<CompletableFuture<?>> job = queue.poll();
            CompletableFuture<?> running;
            try {
                running = job.get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "event=send_job_failed sessionId=" + context.sessionId(), e);
                continue;
            }
            if (running.isDone()) {
                continue;
            }
            busy = true;
            running.whenComplete((ok, error) -> context.serial().execute(() -> {
                busy = false;
                pump();
            }));
        }
        if (queue != null && queue.isEmpty() && !busy) {
            queue = null;
        }
    }
}
