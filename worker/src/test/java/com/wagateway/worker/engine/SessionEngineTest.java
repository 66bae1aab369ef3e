package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectorException;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.connector.SendResult;
import com.wagateway.worker.connector.SessionSpec;
import com.wagateway.worker.connector.WhatsAppConnector;
import com.wagateway.worker.events.EventPublisher;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The engine without Kafka: the publisher is a Mockito double (it is what talks to Kafka), the connector and store
 * are stand-ins. What can only be forced here: publishing that fails for good, and many sessions opening at once.
 */
class SessionEngineTest {

    private final SessionStore store = mock(SessionStore.class);
    private final EventPublisher publisher = mock(EventPublisher.class);
    private final SessionSnapshotSource nothingYet = id -> new SessionSnapshotSource.Loaded(null, AppliedCommands.NONE);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger engineLog = (Logger) LoggerFactory.getLogger(SessionEngine.class);
    private SessionEngine engine;

    @BeforeEach
    void captureLogs() {
        logs.start();
        engineLog.addAppender(logs);
    }

    @AfterEach
    void close() {
        engineLog.detachAppender(logs);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aCommandWhoseFailureCannotBePublishedIsCountedDoneAndLoggedAtErrorNeverLeftHanging() throws Exception {
        doThrow(new IllegalStateException("record too large")).when(publisher).statusChanged(any(), any(), any());
        doThrow(new IllegalStateException("record too large")).when(publisher)
                .commandFailed(anyString(), anyString(), anyString(), anyString());
        engine = new SessionEngine(CONNECT_ONLY, store, publisher, nothingYet, 5,
                Clock.systemUTC());

        CountDownLatch done = new CountDownLatch(1);
        engine.submit(new CreateSession("cmd-lost-1", "s-lost", Instant.now(), "u", "n"),
                new SessionEngine.Position(0, 42, null, null), done::countDown);

        assertThat(done.await(10, TimeUnit.SECONDS))
                .as("counted done: left uncommitted it would be skipped silently by the watermark on redelivery")
                .isTrue();
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("command abandoned").contains("sessionId=s-lost")
                    .contains("commandId=cmd-lost-1").contains("offset=42");
        });
        assertThat(engine.liveSessions()).as("the slot taken for the failed open is given back").isZero();
    }

    @Test
    void concurrentCreatesBeyondMaxSessionsOpenExactlyMax() throws Exception {
        int max = 3;
        int sessions = 12;
        List<SessionStatus> published = new CopyOnWriteArrayList<>();
        // publishing takes a while, as a Kafka round trip does: the window where check-then-add would race
        doAnswer(inv -> {
            SessionSnapshot next = inv.getArgument(1);
            published.add(next.status());
            Thread.sleep(30);
            return next;
        }).when(publisher).statusChanged(any(), any(), any());
        doAnswer(inv -> inv.getArgument(0)).when(publisher).stateUpdated(any(), anyBoolean());
        AtomicInteger connects = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        WhatsAppConnector connector = (ConnectOnly) (session, listener) -> {
            connects.incrementAndGet();
            return new NoopConnection();
        };
        engine = new SessionEngine(connector, store, publisher, nothingYet, max, Clock.systemUTC());

        CountDownLatch done = new CountDownLatch(sessions);
        List<Thread> submitters = new java.util.ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int n = i;
            submitters.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                engine.submit(new CreateSession("cmd-" + n, "s-" + n, Instant.now(), "u", "n"),
                        new SessionEngine.Position(n % 4, n, null, null), done::countDown);
            }));
        }
        start.countDown();
        for (Thread t : submitters) {
            t.join();
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(connects.get()).as("connections opened").isEqualTo(max);
        assertThat(engine.liveSessions()).isEqualTo(max);
        assertThat(published.stream().filter(s -> s == SessionStatus.INITIALIZING).count()).isEqualTo(max);
        assertThat(published.stream().filter(s -> s == SessionStatus.ERROR).count()).isEqualTo(sessions - max);
    }

    /** Metrics that throw: the command still succeeds (no CommandFailed), and the failure is logged once at WARN. */
    @Test
    void aFailingObserverNeverChangesACommandsOutcome() throws Exception {
        doAnswer(inv -> inv.getArgument(1)).when(publisher).statusChanged(any(), any(), any());
        doAnswer(inv -> inv.getArgument(0)).when(publisher).stateUpdated(any(), anyBoolean());
        Logger guardLog = (Logger) LoggerFactory.getLogger(GuardedObserver.class);
        ListAppender<ILoggingEvent> guardLogs = new ListAppender<>();
        guardLogs.start();
        guardLog.addAppender(guardLogs);
        EngineObserver broken = new EngineObserver() {
            @Override
            public void commandFinished(String type, String outcome, java.time.Duration took) {
                throw new IllegalStateException("meter registry broken");
            }

            @Override
            public void messageStatus(String status) {
                throw new IllegalStateException("meter registry broken");
            }

            @Override
            public void sendAcknowledged(java.time.Duration sinceAccepted) {
                throw new IllegalStateException("meter registry broken");
            }
        };
        try {
            engine = new SessionEngine(CONNECT_ONLY, store, publisher, nothingYet, 5,
                    Clock.systemUTC(), broken);
            CountDownLatch done = new CountDownLatch(2);
            engine.submit(new CreateSession("cmd-obs-1", "s-obs-1", Instant.now(), "u", "n"),
                    new SessionEngine.Position(0, 1, null, null), done::countDown);
            engine.submit(new CreateSession("cmd-obs-2", "s-obs-2", Instant.now(), "u", "n"),
                    new SessionEngine.Position(0, 2, null, null), done::countDown);

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            org.mockito.Mockito.verify(publisher, org.mockito.Mockito.never())
                    .commandFailed(anyString(), anyString(), anyString(), anyString());
            assertThat(engine.liveSessions()).isEqualTo(2);
            assertThat(logs.list).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
            assertThat(guardLogs.list.stream().filter(e -> e.getLevel() == Level.WARN).count()).isEqualTo(1);
        } finally {
            guardLog.detachAppender(guardLogs);
        }
    }

    @Test
    void anUndecodableCommandIsCountedAsTypeUnknown() throws Exception {
        List<String> finished = new CopyOnWriteArrayList<>();
        EngineObserver recording = new EngineObserver() {
            @Override
            public void commandFinished(String type, String outcome, java.time.Duration took) {
                finished.add(type + "/" + outcome);
            }

            @Override
            public void messageStatus(String status) {}

            @Override
            public void sendAcknowledged(java.time.Duration sinceAccepted) {}
        };
        engine = new SessionEngine(CONNECT_ONLY, store, publisher, nothingYet, 5,
                Clock.systemUTC(), recording);
        CountDownLatch done = new CountDownLatch(1);
        engine.submitUndecodable("s-garbled", new SessionEngine.Position(0, 7, null, null), "not Avro",
                done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).containsExactly("unknown/failed");
    }

    /**
     * A session whose stored credentials do not decrypt (written under another SESSION_STORE_KEY) ends in
     * {@code error} saying so, without a connection attempt; a session beside it connects.
     */
    @Test
    void aSessionWhoseStoreCannotBeDecryptedEndsInErrorWhileAnotherConnects(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path root) throws Exception {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        com.wagateway.worker.store.SessionStoreKey key = com.wagateway.worker.store.SessionStoreKey.of(raw);
        raw[0] ^= 1;
        com.wagateway.worker.store.SessionStoreKey otherKey = com.wagateway.worker.store.SessionStoreKey.of(raw);
        com.wagateway.worker.store.FileSessionStore realStore = new com.wagateway.worker.store.FileSessionStore(
                root.resolve("sessions"), root.resolve("media"), key);
        realStore.write("s-good", "creds.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        new com.wagateway.worker.store.FileSessionStore(root.resolve("sessions"), root.resolve("media"), otherKey)
                .write("s-bad", "creds.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        java.util.Map<String, SessionSnapshot> last = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch settled = new CountDownLatch(2);
        doAnswer(inv -> {
            SessionSnapshot next = inv.getArgument(1);
            last.put(next.sessionId(), next);
            if (next.status() == SessionStatus.CONNECTED || next.status() == SessionStatus.ERROR) {
                settled.countDown();
            }
            return next;
        }).when(publisher).statusChanged(any(), any(), any());
        doAnswer(inv -> inv.getArgument(0)).when(publisher).stateUpdated(any(), anyBoolean());
        List<String> connectedIds = new CopyOnWriteArrayList<>();
        WhatsAppConnector connector = (ConnectOnly) (session, listener) -> {
            connectedIds.add(session.sessionId());
            Thread.ofVirtual().start(() -> listener.connected("+6281234567890"));
            return new NoopConnection();
        };
        engine = new SessionEngine(connector, realStore, publisher, nothingYet, 5, Clock.systemUTC());

        CountDownLatch done = new CountDownLatch(2);
        engine.submit(new CreateSession("cmd-bad", "s-bad", Instant.now(), "u", "n"),
                new SessionEngine.Position(0, 1, null, null), done::countDown);
        engine.submit(new CreateSession("cmd-good", "s-good", Instant.now(), "u", "n"),
                new SessionEngine.Position(1, 1, null, null), done::countDown);

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(settled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(last.get("s-bad").status()).isEqualTo(SessionStatus.ERROR);
        assertThat(last.get("s-bad").error()).contains("stored credentials could not be decrypted")
                .contains("SESSION_STORE_KEY");
        assertThat(last.get("s-good").status()).isEqualTo(SessionStatus.CONNECTED);
        assertThat(connectedIds).containsExactly("s-good");
        assertThat(engine.liveSessions()).as("the failed session holds no slot").isEqualTo(1);
    }

    /**
     * Restore after an assignment: live sessions and those still reconnecting by themselves come back, at most
     * RESTORE_RATE per second; sessions the user disconnected, or that ended in error, stay as they are.
     */
    @Test
    void assignedPartitionsRestoreLiveAndReconnectingSessionsAtTheConfiguredRate() throws Exception {
        doAnswer(inv -> inv.getArgument(1)).when(publisher).statusChanged(any(), any(), any());
        Instant at = Instant.now();
        java.util.Map<String, SessionSnapshot> known = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            known.put("live-" + i, snapshot("live-" + i, SessionStatus.CONNECTED, false, at));
        }
        known.put("dropped", snapshot("dropped", SessionStatus.DISCONNECTED, true, at));
        known.put("refused", snapshot("refused", SessionStatus.ERROR, true, at));
        known.put("user-disconnected", snapshot("user-disconnected", SessionStatus.DISCONNECTED, false, at));
        known.put("failed", snapshot("failed", SessionStatus.ERROR, false, at));
        known.put("logged-out", snapshot("logged-out", SessionStatus.LOGGED_OUT, false, at));
        SessionSnapshotSource source = id -> new SessionSnapshotSource.Loaded(known.get(id), AppliedCommands.NONE);
        List<String> connected = new CopyOnWriteArrayList<>();
        List<Long> connectedAt = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        WhatsAppConnector connector = (ConnectOnly) (session, listener) -> {
            connected.add(session.sessionId());
            connectedAt.add(System.nanoTime() - start);
            return new NoopConnection();
        };
        engine = new SessionEngine(connector, store, publisher, source, 100, Clock.systemUTC(), EngineObserver.NONE, 10);

        engine.resume(List.of(0, 1, 2, 3), 4, known.values());

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> connected.size() == 32);
        Thread.sleep(300);
        assertThat(connected).hasSize(32).contains("dropped", "refused")
                .doesNotContain("user-disconnected", "failed", "logged-out");
        // 10 per second with one second's burst: the 32nd restore starts after about 2.2 s, not at once
        assertThat(TimeUnit.NANOSECONDS.toMillis(connectedAt.stream().max(Long::compare).orElseThrow()))
                .isGreaterThan(1800);
    }

    @Test
    void aRestoreStillWaitingWhenItsPartitionIsReleasedIsDropped() throws Exception {
        doAnswer(inv -> inv.getArgument(1)).when(publisher).statusChanged(any(), any(), any());
        Instant at = Instant.now();
        List<SessionSnapshot> known = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            known.add(snapshot("p-" + i, SessionStatus.CONNECTED, false, at));
        }
        java.util.Map<String, SessionSnapshot> byId = new java.util.HashMap<>();
        known.forEach(k -> byId.put(k.sessionId(), k));
        List<String> connected = new CopyOnWriteArrayList<>();
        engine = new SessionEngine((ConnectOnly) (session, listener) -> {
            connected.add(session.sessionId());
            return new NoopConnection();
        }, store, publisher, id -> new SessionSnapshotSource.Loaded(byId.get(id), AppliedCommands.NONE), 100,
                Clock.systemUTC(), EngineObserver.NONE, 2);

        engine.resume(List.of(0), 1, known);
        Thread.sleep(200); // the burst (2) went out
        engine.release(List.of(0), 1);
        Thread.sleep(1500);
        assertThat(connected.size()).as("only the burst before the release").isLessThanOrEqualTo(3);
    }

    /**
     * At the back-pressure limit the session waits for its oldest send's outcome only as long as the connection
     * promised it ({@link Connection#sendOutcomeBound}) plus a small margin, not minutes: a connection that breaks
     * its promise gets the send failed and the session moves on.
     */
    @Test
    void backPressureWaitsOnlyForTheConnectionsPromisedOutcomeBound() throws Exception {
        doAnswer(inv -> inv.getArgument(1)).when(publisher).statusChanged(any(), any(), any());
        doAnswer(inv -> inv.getArgument(0)).when(publisher).stateUpdated(any(), anyBoolean());
        List<String> failedReasons = new CopyOnWriteArrayList<>();
        doAnswer(inv -> {
            if (inv.getArgument(3) == MessageStatus.FAILED) {
                failedReasons.add(inv.getArgument(1) + " " + inv.getArgument(4));
            }
            return null;
        }).when(publisher).messageStatus(anyString(), anyString(), any(), any(), any(), any(), any());
        Connection silent = new NoopConnection() {
            @Override
            public CompletableFuture<SendResult> send(OutboundMessage message) {
                return new CompletableFuture<>(); // never answers: a broken promise
            }

            @Override
            public Duration sendOutcomeBound() {
                return Duration.ofMillis(300);
            }
        };
        engine = new SessionEngine((ConnectOnly) (session, listener) -> silent, store, publisher, nothingYet, 5,
                Clock.systemUTC());
        CountDownLatch created = new CountDownLatch(1);
        engine.submit(new CreateSession("c0", "s-bp", Instant.now(), "u", "n"),
                new SessionEngine.Position(0, 0, null, null), created::countDown);
        assertThat(created.await(10, TimeUnit.SECONDS)).isTrue();

        CountDownLatch firstSettled = new CountDownLatch(1);
        long started = System.nanoTime();
        for (int i = 1; i <= SessionStateMachine.MAX_BEYOND_WATERMARK + 1; i++) {
            SendMessage send = new SendMessage("send-" + i, "s-bp", Instant.now(), "3EB0BP" + i, "6289876543210",
                    MessageType.TEXT, "m" + i, null);
            Runnable done = i == 1 ? firstSettled::countDown : () -> { };
            engine.submit(send, new SessionEngine.Position(0, i, null, null), done);
        }

        assertThat(firstSettled.await(15, TimeUnit.SECONDS)).as("the oldest send settled, not after 2 minutes")
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofMillis(300).plus(SessionStateMachine.SETTLE_MARGIN).plusSeconds(5));
        assertThat(failedReasons).contains("3EB0BP1 no outcome from the connection");
    }

    private static SessionSnapshot snapshot(String id, SessionStatus status, boolean reconnecting, Instant at) {
        return new SessionSnapshot(id, "u", "n", status, "+62811", null, null, null, at, at, "w", "e", null,
                AppliedCommands.NONE, reconnecting);
    }

    private static final WhatsAppConnector CONNECT_ONLY = (ConnectOnly) (session, listener) -> new NoopConnection();

    /** A connector that only connects: these tests never log out a session that has no connection. */
    private interface ConnectOnly extends WhatsAppConnector {
        @Override
        default void logoutStored(SessionSpec session) throws ConnectorException {
            throw new AssertionError("unexpected logout without a connection: " + session.sessionId());
        }
    }

    private static class NoopConnection implements Connection {
        @Override
        public CompletableFuture<SendResult> send(OutboundMessage message) {
            return CompletableFuture.completedFuture(SendResult.sent(Instant.now()));
        }

        @Override
        public String requestPairingCode(String phoneDigits) {
            return "ABCD-1234";
        }

        @Override
        public void disconnect() {}

        @Override
        public void logout() {}
    }
}
