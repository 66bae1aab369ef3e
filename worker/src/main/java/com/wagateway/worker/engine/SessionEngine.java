package com.wagateway.worker.engine;

import com.wagateway.worker.command.CommandCodec;
import com.wagateway.worker.command.InvalidSendCommandException;
import com.wagateway.worker.command.SessionCommand;
import com.wagateway.worker.connector.WhatsAppConnector;
import com.wagateway.worker.events.EventPublisher;
import com.wagateway.worker.events.PublisherClosedException;
import com.wagateway.worker.message.MessageStatusLookup;
import com.wagateway.worker.store.SessionStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands and connection events for the sessions whose {@code wa.commands} partitions this worker owns.
 * Each session has a mailbox: its commands and its connection's callbacks run one at a time in arrival order,
 * while different sessions run concurrently on virtual threads. What a command does is the
 * {@link SessionStateMachine}'s business; every state change is published before the command counts as done, so
 * its offset is committed only after that.
 */
public final class SessionEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionEngine.class);
    public static final double DEFAULT_RESTORE_RATE = 200;

    private final SessionStateMachine machine;
    private final EngineObserver observer;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("wa-session-", 0).factory());
    private final Map<String, SessionRuntime> runtimes = new ConcurrentHashMap<>();
    /** Partitions of wa.commands this engine owns now: a paced restore of a released one is dropped. */
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final RestorePacer restores;

    public SessionEngine(WhatsAppConnector connector, SessionStore store, EventPublisher publisher,
                         SessionSnapshotSource stateSource, int maxSessions, Clock clock) {
        this(connector, store, publisher, stateSource, maxSessions, clock, EngineObserver.NONE, DEFAULT_RESTORE_RATE);
    }

    public SessionEngine(WhatsAppConnector connector, SessionStore store, EventPublisher publisher,
                         SessionSnapshotSource stateSource, int maxSessions, Clock clock, EngineObserver observer) {
        this(connector, store, publisher, stateSource, maxSessions, clock, observer, DEFAULT_RESTORE_RATE);
    }

    /** @param restoreRate sessions per second that reconnect by themselves after an assignment (RESTORE_RATE) */
    public SessionEngine(WhatsAppConnector connector, SessionStore store, EventPublisher publisher,
                         SessionSnapshotSource stateSource, int maxSessions, Clock clock, EngineObserver observer,
                         double restoreRate) {
        this(connector, store, publisher, stateSource, maxSessions, clock, observer, restoreRate,
                MessageStatusLookup.NONE);
    }

    /** @param statuses where a message's latest status is found when the engine's memory does not know it */
    public SessionEngine(WhatsAppConnector connector, SessionStore store, EventPublisher publisher,
                         SessionSnapshotSource stateSource, int maxSessions, Clock clock, EngineObserver observer,
                         double restoreRate, MessageStatusLookup statuses) {
        this.restores = new RestorePacer(restoreRate);
        // metrics never decide a command's outcome: their failures are logged and ignored
        this.observer = GuardedObserver.of(observer);
        this.machine = new SessionStateMachine(connector, store, publisher, stateSource, maxSessions, clock,
                this.observer, statuses);
    }

    /** Where in {@code wa.commands} a command came from, and when the broker appended it (null if unknown). */
    public record Position(int partition, long offset, Instant appendedAt, Instant notAfter) {

        /** The same position with another offset: what the session's applied memory may record. */
        Position withOffset(long newOffset) {
            return new Position(partition, newOffset, appendedAt, notAfter);
        }
    }

    /**
     * Queues a command on its session's mailbox. {@code done} runs once it was executed (or recognised as a
     * duplicate, or refused and reported, or failed and abandoned with an ERROR log when even the failure could not
     * be published); it does not run when the worker stops before the outcome was published
     * ({@link PublisherClosedException}), so the command is not committed and will be redelivered.
     */
    public void submit(SessionCommand command, Position at, Runnable done) {
        enqueue(command.sessionId(), rt -> () -> {
            long start = System.nanoTime();
            String type = CommandCodec.typeName(command);
            Consumer<String> finished = outcome -> {
                observer.commandFinished(type, outcome, Duration.ofNanos(System.nanoTime() - start));
                done.run();
            };
            try {
                String outcome = machine.execute(rt, command, at, finished);
                if (!SessionStateMachine.IN_FLIGHT.equals(outcome)) {
                    finished.accept(outcome);
                }
            } catch (PublisherClosedException e) {
                log.warn("command left uncommitted at shutdown sessionId={} commandId={}", command.sessionId(),
                        command.commandId());
            } catch (RuntimeException e) {
                log.error("command failed sessionId={} commandId={} type={}", command.sessionId(), command.commandId(),
                        CommandCodec.typeName(command), e);
                observer.commandFinished(type, "error", Duration.ofNanos(System.nanoTime() - start));
                try {
                    machine.reportFailure(command, "internal error: " + e.getClass().getSimpleName());
                } catch (PublisherClosedException closed) {
                    log.warn("command left uncommitted at shutdown sessionId={} commandId={}", command.sessionId(),
                            command.commandId());
                    return;
                } catch (RuntimeException reportFailed) {
                    // Counted done, loudly. Leaving it uncommitted would not bring it back: it would hold up the
                    // partition's commits, and on redelivery the session's applied-offset watermark (moved on by
                    // its later commands) would skip it without a word. See docs/architecture.md.
                    log.error("command abandoned: it failed and its failure could not be published, counted as done "
                                    + "sessionId={} commandId={} type={} partition={} offset={} reason=\"{}\"",
                            command.sessionId(), command.commandId(), CommandCodec.typeName(command), at.partition(),
                            at.offset(), reportFailed.toString());
                }
                done.run();
            }
            forgetIfGone(rt);
        });
    }

    /** A record that could not even be decoded: reported on the session (its key) and then skipped. */
    public void submitUndecodable(String sessionId, Position at, String reason, Runnable done) {
        submitReport(sessionId, at, "unknown", () -> machine.reportUndecodable(sessionId, reason), done);
    }

    /**
     * A send command that breaks the send rules: answered with a {@code failed} status for its message id and a
     * {@code CommandFailed}, in the session's order, never executed.
     */
    public void submitInvalidSend(String sessionId, InvalidSendCommandException invalid, Position at, Runnable done) {
        submitReport(sessionId, at, "send", () -> machine.reportInvalidSend(sessionId, invalid), done);
    }

    /** A record that cannot be executed: only reported (on the session's mailbox), then counted done. */
    private void submitReport(String sessionId, Position at, String type, Runnable report, Runnable done) {
        enqueue(sessionId, rt -> () -> {
            long start = System.nanoTime();
            try {
                report.run();
                observer.commandFinished(type, "failed", Duration.ofNanos(System.nanoTime() - start));
                done.run();
            } catch (PublisherClosedException e) {
                log.warn("unexecutable command not reported at shutdown, left uncommitted sessionId={} partition={} "
                        + "offset={}", sessionId, at.partition(), at.offset());
            } catch (RuntimeException e) {
                // same reasoning as a command whose failure cannot be reported: skipped, but never silently
                log.error("unexecutable command skipped, its failure could not be published sessionId={} "
                        + "partition={} offset={} reason=\"{}\"", sessionId, at.partition(), at.offset(), e.toString());
                observer.commandFinished(type, "error", Duration.ofNanos(System.nanoTime() - start));
                done.run();
            }
        });
    }

    /** Sessions (of those this worker owns) holding a connection. */
    public int liveSessions() {
        return machine.liveSessions();
    }

    /**
     * The partitions are no longer ours: close their sessions' connections (credentials stay; the new owner
     * connects again) and forget their runtimes. Waits until done, bounded.
     */
    public void release(Collection<Integer> partitions, int partitionCount) {
        owned.removeAll(partitions);
        var leaving = runtimes.values().stream()
                .filter(rt -> partitions.contains(partitionOf(rt.sessionId, partitionCount))).toList();
        CountDownLatch latch = new CountDownLatch(leaving.size());
        for (SessionRuntime rt : leaving) {
            rt.mailbox.submit(() -> {
                try {
                    machine.release(rt);
                    runtimes.remove(rt.sessionId, rt);
                } finally {
                    latch.countDown();
                }
            });
        }
        await(latch, "release");
        log.info("partitions released partitions={} sessions={}", partitions, leaving.size());
    }

    /**
     * The partitions became ours: reconnect their sessions that were live (status initializing, qr_required or
     * connected) or still reconnecting under the previous owner or before a restart, at most RESTORE_RATE per
     * second. Each reconnects from its stored credentials (no QR); a failure leaves the credentials alone.
     */
    public void resume(Collection<Integer> partitions, int partitionCount, Collection<SessionSnapshot> known) {
        owned.addAll(partitions);
        int resumed = 0;
        for (SessionSnapshot s : known) {
            int partition = partitionOf(s.sessionId(), partitionCount);
            if (SessionStateMachine.resumable(s) && partitions.contains(partition)) {
                restores.submit(() -> {
                    if (!owned.contains(partition)) {
                        log.info("session restore dropped, partition released meanwhile sessionId={} partition={}",
                                s.sessionId(), partition);
                        return;
                    }
                    enqueue(s.sessionId(), rt -> () -> {
                        try {
                            machine.resume(rt);
                        } catch (PublisherClosedException e) {
                            log.warn("session resume interrupted at shutdown sessionId={}", rt.sessionId);
                        } catch (RuntimeException e) {
                            log.error("session resume failed sessionId={}", rt.sessionId, e);
                        }
                    });
                });
                resumed++;
            }
        }
        if (resumed > 0) {
            log.info("sessions resuming partitions={} sessions={} ratePerSecond={}", partitions, resumed,
                    restores.rate());
        }
    }

    /** The partition of {@code wa.commands} a session's commands go to (Kafka's default partitioner for keys). */
    public static int partitionOf(String sessionId, int partitionCount) {
        return BuiltInPartitioner.partitionForKey(sessionId.getBytes(StandardCharsets.UTF_8), partitionCount);
    }

    /** Closes every connection (credentials stay) and stops the session threads. */
    @Override
    public void close() {
        restores.close();
        owned.clear();
        CountDownLatch latch = new CountDownLatch(runtimes.size());
        for (SessionRuntime rt : runtimes.values()) {
            rt.mailbox.submit(() -> {
                try {
                    machine.release(rt);
                } finally {
                    latch.countDown();
                }
            });
        }
        await(latch, "shutdown");
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queues a task on the session's mailbox, creating the runtime when there is none. Lookup and queueing happen
     * atomically with {@link #forgetIfGone}, so a session never has two mailboxes with work at the same time.
     */
    private void enqueue(String sessionId, Function<SessionRuntime, Runnable> task) {
        runtimes.compute(sessionId, (id, existing) -> {
            SessionRuntime rt = existing != null ? existing : new SessionRuntime(id, threads);
            rt.mailbox.submit(task.apply(rt));
            return rt;
        });
    }

    /**
     * A session that does not exist (deleted, or never created) and has nothing queued is not kept in memory, once
     * the state view agrees (its tombstone applied), so a later load cannot pick up the state from before the delete.
     */
    private void forgetIfGone(SessionRuntime rt) {
        if (rt.state != null || rt.connection != null || !rt.inFlight.isEmpty() || !machine.goneInView(rt.sessionId)) {
            return;
        }
        runtimes.computeIfPresent(rt.sessionId, (id, current) -> current == rt && rt.state == null
                && rt.connection == null && rt.mailbox.pending() <= 1 ? null : current);
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                log.warn("engine {} did not finish in time, sessions still busy={}", what, latch.getCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
