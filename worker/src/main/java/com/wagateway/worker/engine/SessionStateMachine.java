package com.wagateway.worker.engine;

import com.wagateway.worker.command.CommandCodec;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.DeleteSession;
import com.wagateway.worker.command.DisconnectSession;
import com.wagateway.worker.command.InvalidSendCommandException;
import com.wagateway.worker.command.LogoutSession;
import com.wagateway.worker.command.RequestPairingCode;
import com.wagateway.worker.command.RestartSession;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.command.SessionCommand;
import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectionListener;
import com.wagateway.worker.connector.ConnectorException;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.connector.SendResult;
import com.wagateway.worker.connector.SessionSpec;
import com.wagateway.worker.connector.WhatsAppConnector;
import com.wagateway.worker.engine.SessionEngine.Position;
import com.wagateway.worker.events.EventPublisher;
import com.wagateway.worker.events.EventPublisher.OutboundDetails;
import com.wagateway.worker.events.PublisherClosedException;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.message.MessageStatusLookup;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session state machine and the spec's responsibility matrix: what each command and each connection event does
 * to the connection, the files and the published state. Every method runs on the session's mailbox
 * ({@link SessionEngine} sees to that), so one session's runtime is never touched by two threads at once.
 */
final class SessionStateMachine {

    private static final Logger log = LoggerFactory.getLogger(SessionStateMachine.class);
    /** What {@link #execute} answers for a send handed to the connection: its outcome comes later. */
    static final String IN_FLIGHT = "in_flight";
    /**
     * Commands a session may run beyond its published {@code appliedOffset} while a send is in flight: they are
     * remembered only by id, so fewer than {@link AppliedCommands#MAX_IDS}. At the limit the session waits for its
     * oldest send's outcome (bounded by the connector's ack timeout) before it runs the next command.
     */
    static final int MAX_BEYOND_WATERMARK = AppliedCommands.MAX_IDS - 1;
    /** Waited beyond a connection's promised send outcome before the engine fails the send itself. */
    static final Duration SETTLE_MARGIN = Duration.ofSeconds(2);
    static final Set<SessionStatus> LIVE = Set.of(SessionStatus.INITIALIZING, SessionStatus.QR_REQUIRED,
            SessionStatus.CONNECTED);

    private final WhatsAppConnector connector;
    private final SessionStore store;
    private final EventPublisher publisher;
    private final SessionSnapshotSource stateSource;
    private final int maxSessions;
    private final Clock clock;
    private final EngineObserver observer;
    private final MessageStatusLookup statusLookup;
    /** Sessions holding an open (or opening) connection; what MAX_SESSIONS limits. */
    private final Set<String> connected = ConcurrentHashMap.newKeySet();

    SessionStateMachine(WhatsAppConnector connector, SessionStore store, EventPublisher publisher,
                        SessionSnapshotSource stateSource, int maxSessions, Clock clock, EngineObserver observer,
                        MessageStatusLookup statusLookup) {
        this.observer = observer;
        this.statusLookup = statusLookup;
        this.connector = connector;
        this.store = store;
        this.publisher = publisher;
        this.stateSource = stateSource;
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    int liveSessions() {
        return connected.size();
    }

    /**
     * Whether a session a worker takes over (or finds after a restart) should connect by itself: it was live, or
     * its connection was still working its way back (reconnecting, or retrying a refused version). A session the
     * user disconnected, logged out, or that ended in error or with unscanned QRs stays as it is.
     */
    static boolean resumable(SessionSnapshot s) {
        return LIVE.contains(s.status()) || s.reconnecting();
    }

    /** Reconnects a session that was live under the previous owner (or before a restart). */
    void resume(SessionRuntime rt) {
        load(rt);
        if (rt.state != null && rt.connection == null && resumable(rt.state)) {
            log.info("session resuming sessionId={} lastStatus={}", rt.sessionId, rt.state.status().wire());
            open(rt, rt.state.withStatus(SessionStatus.INITIALIZING), null);
        }
    }

    /**
     * The session moves to another owner or the worker stops: close the connection, keep the credentials. Sends
     * still waiting for their ack stay uncommitted (their outcome is not published): the next owner gets them
     * redelivered and sends them again with the same message id, rather than this one reporting a failure for a
     * message the server may well have taken.
     */
    void release(SessionRuntime rt) {
        if (!rt.inFlight.isEmpty()) {
            log.info("sends in flight left to the next owner sessionId={} count={}", rt.sessionId, rt.inFlight.size());
            rt.inFlight.clear();
            rt.heldReceipts.clear();
        }
        closeConnection(rt, false);
    }

    /** True when the state view holds no state for the session (never created, or its tombstone applied). */
    boolean goneInView(String sessionId) {
        return stateSource.load(sessionId).state() == null;
    }

    /** A record that could not be decoded: reported on its key's session. */
    void reportUndecodable(String sessionId, String reason) {
        publisher.commandFailed(sessionId, null, "unknown", reason);
    }

    /** A send command breaking the send rules: a {@code failed} status naming the rule, and a CommandFailed. */
    void reportInvalidSend(String sessionId, InvalidSendCommandException invalid) {
        publishMessageStatus(sessionId, invalid.messageId(), invalid.commandId(), MessageStatus.FAILED,
                invalid.reason(), clock.instant(), null);
        publisher.commandFailed(sessionId, invalid.commandId(), "send", invalid.reason());
    }

    /**
     * @param finished for a send handed to the connection: called once its outcome is published, with the metric
     *                 outcome (the command counts as running until then)
     * @return the outcome for the command metrics: executed, failed, duplicate or refused; or {@link #IN_FLIGHT}
     *         when {@code finished} will be called later
     */
    String execute(SessionRuntime rt, SessionCommand command, Position at, Consumer<String> finished) {
        load(rt);
        rt.commandFailed = false;
        String type = CommandCodec.typeName(command);
        if (rt.applied().contains(command.commandId(), at.partition(), at.offset()) || inFlight(rt, command)) {
            log.info("command skipped, already applied sessionId={} commandId={} type={} partition={} offset={}",
                    rt.sessionId, command.commandId(), type, at.partition(), at.offset());
            return "duplicate";
        }
        if (at.appendedAt() != null && at.notAfter() != null && at.appendedAt().isAfter(at.notAfter())) {
            log.warn("command refused, appended after its deadline sessionId={} commandId={} type={} appendedAt={} notAfter={}",
                    rt.sessionId, command.commandId(), type, at.appendedAt(), at.notAfter());
            reportFailure(command, "not acknowledged to the caller in time; not executed");
            return "refused";
        }
        while (rt.beyondWatermark.size() >= MAX_BEYOND_WATERMARK && !rt.inFlight.isEmpty()) {
            settleOldest(rt);
        }
        Position applyAt = appliedPosition(rt, at);
        rt.highestExecuted = Math.max(rt.highestExecuted, at.offset());
        switch (command) {
            case CreateSession c -> create(rt, c, applyAt);
            case RestartSession r -> restart(rt, r, applyAt);
            case DisconnectSession d -> disconnect(rt, d, applyAt);
            case LogoutSession l -> logout(rt, l, applyAt);
            case DeleteSession d -> delete(rt, d, applyAt);
            case SendMessage s -> {
                if (send(rt, s, at, applyAt, finished)) {
                    log.debug("send in flight sessionId={} commandId={} messageId={}", rt.sessionId, s.commandId(),
                            s.messageId());
                    return IN_FLIGHT;
                }
            }
            case RequestPairingCode p -> pairingCode(rt, p, applyAt);
        }
        log.info("command executed sessionId={} commandId={} type={} status={}", rt.sessionId, command.commandId(),
                type, rt.state == null ? "deleted" : rt.state.status().wire());
        return rt.commandFailed ? "failed" : "executed";
    }

    private void create(SessionRuntime rt, CreateSession c, Position at) {
        if (rt.state != null && rt.connection != null) {
            log.info("create ignored, session already active sessionId={} commandId={} status={}", rt.sessionId,
                    c.commandId(), rt.state.status().wire());
            rt.state = publisher.stateUpdated(rt.state.withApplied(c.commandId(), at.partition(), at.offset()), false);
            return;
        }
        SessionSnapshot base = rt.state == null
                ? SessionSnapshot.created(rt.sessionId, c.userId(), c.sessionName())
                : rt.state.withOwner(c.userId() != null ? c.userId() : rt.state.userId(),
                        c.sessionName() != null ? c.sessionName() : rt.state.sessionName());
        open(rt, base.withApplied(c.commandId(), at.partition(), at.offset()), c.commandId());
    }

    private void restart(SessionRuntime rt, RestartSession r, Position at) {
        if (rt.state == null) {
            rt.commandFailed = true;
            reportFailure(r, "session not found");
            return;
        }
        closeConnection(rt, false);
        open(rt, rt.state.withApplied(r.commandId(), at.partition(), at.offset()), r.commandId());
    }

    private void disconnect(SessionRuntime rt, DisconnectSession d, Position at) {
        if (rt.state == null) {
            rt.commandFailed = true;
            reportFailure(d, "session not found");
            return;
        }
        closeConnection(rt, false);
        transition(rt, rt.state.withStatus(SessionStatus.DISCONNECTED).withApplied(d.commandId(), at.partition(), at.offset()),
                d.commandId());
    }

    private void logout(SessionRuntime rt, LogoutSession l, Position at) {
        if (rt.state == null) {
            rt.commandFailed = true;
            reportFailure(l, "session not found");
            return;
        }
        String problem = closeConnection(rt, true);
        problem = deleteFiles(rt.sessionId, false, problem);
        transition(rt, rt.state.withStatus(SessionStatus.LOGGED_OUT).withError(problem)
                .withApplied(l.commandId(), at.partition(), at.offset()), l.commandId());
    }

    private void delete(SessionRuntime rt, DeleteSession d, Position at) {
        closeConnection(rt, false);
        String problem = deleteFiles(rt.sessionId, true, null);
        if (problem != null) {
            log.error("session files not fully deleted sessionId={} problem=\"{}\"", rt.sessionId, problem);
        }
        AppliedCommands applied = rt.applied().plus(d.commandId(), at.partition(), at.offset());
        publisher.sessionDeleted(rt.sessionId, applied, d.commandId());
        rt.state = null;
        rt.deletedApplied = applied;
    }

    /** The same send produced twice while the first is still waiting for its ack: a duplicate too. */
    private static boolean inFlight(SessionRuntime rt, SessionCommand command) {
        return command instanceof SendMessage && rt.inFlight.values().stream()
                .anyMatch(f -> f.command().commandId().equals(command.commandId()));
    }

    /**
     * Where the session's applied memory may say it is: the command's own offset, unless a send before it is still
     * in flight; then only up to just before that send (the command is remembered by its id alone), so a crash
     * before the send's outcome redelivers the send and the redelivery is not taken for a duplicate.
     */
    private static Position appliedPosition(SessionRuntime rt, Position at) {
        if (rt.inFlight.isEmpty()) {
            return at;
        }
        rt.beyondWatermark.add(at.offset());
        return at.withOffset(Math.min(at.offset(), rt.inFlight.firstKey() - 1));
    }

    /**
     * Hands the message to the connection. Without a session or a connection the outcome is known at once
     * ({@code failed}, published now); otherwise the session goes on with its next command while WhatsApp
     * acknowledges, and {@link #settle} publishes the outcome on the session's mailbox.
     *
     * @return true when the send is in flight ({@code finished} is called later)
     */
    private boolean send(SessionRuntime rt, SendMessage s, Position at, Position applyAt,
                         Consumer<String> finished) {
        String to = s.to().contains("@") ? s.to() : s.to() + "@s.whatsapp.net";
        String content = s.text() != null ? s.text() : s.media() == null ? null : s.media().caption();
        String from = rt.state == null || rt.state.phoneNumber() == null ? null
                : rt.state.phoneNumber().replace("+", "") + "@s.whatsapp.net";
        OutboundDetails details = new OutboundDetails(from, to, s.type().wire(), content);
        if (rt.state == null) {
            publishMessageStatus(rt.sessionId, s.messageId(), s.commandId(), MessageStatus.FAILED,
                    "session not found", clock.instant(), details);
            return false;
        }
        if (rt.connection == null) {
            String reason = "session not connected (status " + rt.state.status().wire() + ")";
            rt.statuses.advance(s.messageId(), MessageStatus.FAILED);
            publishMessageStatus(rt.sessionId, s.messageId(), s.commandId(), MessageStatus.FAILED, reason,
                    clock.instant(), details);
            log.info("message send outcome sessionId={} messageId={} status=failed", rt.sessionId, s.messageId());
            rt.state = publisher.stateUpdated(rt.state.withApplied(s.commandId(), applyAt.partition(),
                    applyAt.offset()), false);
            return false;
        }
        CompletableFuture<SendResult> result;
        try {
            result = rt.connection.send(new OutboundMessage(s.messageId(), to, s.type(), s.text(),
                    s.media() == null ? null : s.media().url(), s.media() == null ? null : s.media().filename(),
                    s.media() == null ? null : s.media().caption()));
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(SendResult.failed(clock.instant(), reason(e)));
        }
        if (result == null) {
            result = CompletableFuture.completedFuture(SendResult.failed(clock.instant(), "connector gave no outcome"));
        }
        rt.statuses.advance(s.messageId(), MessageStatus.PENDING);
        InFlightSend pending = new InFlightSend(s, at, details, result,
                System.nanoTime() + outcomeBound(rt.connection).toNanos(), finished);
        rt.inFlight.put(at.offset(), pending);
        rt.beyondWatermark.add(at.offset());
        result.whenComplete((r, e) -> rt.mailbox.submit(() -> settle(rt, pending)));
        return true;
    }

    /**
     * Under back-pressure: waits for the oldest send's outcome and publishes it now.
     *
     * <p>Why waiting on the mailbox is kept rather than parking the command: the session must not run its next
     * command before this outcome (its applied memory would overflow), and its connection reports (receipts, status
     * changes) are meant to run in order with its commands, so parking would need a second queue with the same
     * rules. What made the wait harmful was its bound (2 minutes, far past any outcome): the wait now ends when the
     * connection promised the outcome, i.e. the send ack timeout plus the connection's margin
     * ({@link Connection#sendOutcomeBound}), counted from the send, plus {@link #SETTLE_MARGIN}. It is only reached
     * by a session with 63 commands beyond its oldest unacknowledged send, and received messages do not wait on
     * the mailbox at all. Past the bound the connection broke its promise: the send is failed here.
     */
    private void settleOldest(SessionRuntime rt) {
        InFlightSend oldest = rt.inFlight.firstEntry().getValue();
        long waitNanos = Math.max(0, oldest.outcomeDueNanos() + SETTLE_MARGIN.toNanos() - System.nanoTime());
        try {
            oldest.result().get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            oldest.result().complete(SendResult.failed(clock.instant(), "no outcome from the connection"));
        } catch (ExecutionException e) {
            // mapped in settle
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublisherClosedException("interrupted while waiting for a send's outcome");
        }
        settle(rt, oldest);
    }

    private static Duration outcomeBound(Connection connection) {
        Duration bound = connection == null ? null : connection.sendOutcomeBound();
        return bound == null || bound.isNegative() ? Connection.DEFAULT_SEND_OUTCOME_BOUND : bound;
    }

    /**
     * Publishes a send's outcome ({@code sent} or {@code failed} with the reason), then the session's state with the
     * command applied, then lets it be committed. Runs on the mailbox, once: a send settled early (back-pressure)
     * or dropped (partition released) is no longer in flight when its completion task comes.
     */
    private void settle(SessionRuntime rt, InFlightSend f) {
        if (rt.inFlight.get(f.at().offset()) != f) {
            return;
        }
        SendMessage s = f.command();
        try {
            SendResult result = outcomeOf(f.result());
            MessageStatus wanted = result.sent() ? MessageStatus.SENT : MessageStatus.FAILED;
            MessageStatus published = rt.statuses.advance(s.messageId(), wanted) ? wanted
                    // a receipt overtook the ack: the outcome event still carries the details, with what is known
                    : rt.statuses.latest(s.messageId());
            Instant at = result.timestamp() == null ? clock.instant() : result.timestamp();
            publishMessageStatus(rt.sessionId, s.messageId(), s.commandId(), published,
                    published == MessageStatus.FAILED ? result.error() : null, at, f.details());
            log.info("message send outcome sessionId={} messageId={} status={}{}", rt.sessionId, s.messageId(),
                    published.wire(), result.error() == null ? "" : " reason=\"" + result.error() + "\"");
            MessageStatus held = rt.heldReceipts.remove(s.messageId());
            if (held != null && rt.statuses.advance(s.messageId(), held)) {
                publishMessageStatus(rt.sessionId, s.messageId(), null, held, null, clock.instant(), null);
            }
            if (result.sent() && s.issuedAt() != null) {
                observer.sendAcknowledged(Duration.between(s.issuedAt(), at));
            }
            rt.inFlight.remove(f.at().offset());
            long watermark = rt.inFlight.isEmpty() ? rt.highestExecuted : rt.inFlight.firstKey() - 1;
            if (rt.state != null) {
                rt.state = publisher.stateUpdated(rt.state.withApplied(s.commandId(), f.at().partition(), watermark),
                        result.sent());
            }
            rt.beyondWatermark.headSet(watermark, true).clear();
            f.finished().accept(result.sent() ? "executed" : "failed");
        } catch (PublisherClosedException e) {
            rt.inFlight.remove(f.at().offset());
            rt.heldReceipts.remove(s.messageId());
            log.warn("command left uncommitted at shutdown sessionId={} commandId={}", rt.sessionId, s.commandId());
        } catch (RuntimeException e) {
            rt.inFlight.remove(f.at().offset());
            rt.heldReceipts.remove(s.messageId());
            log.error("send outcome could not be published sessionId={} commandId={} messageId={}", rt.sessionId,
                    s.commandId(), s.messageId(), e);
            try {
                reportFailure(s, "internal error: " + e.getClass().getSimpleName());
            } catch (PublisherClosedException closed) {
                return;
            } catch (RuntimeException reportFailed) {
                log.error("command abandoned: it failed and its failure could not be published, counted as done "
                                + "sessionId={} commandId={} type=send partition={} offset={} reason=\"{}\"",
                        rt.sessionId, s.commandId(), f.at().partition(), f.at().offset(), reportFailed.toString());
            }
            f.finished().accept("error");
        }
    }

    private SendResult outcomeOf(CompletableFuture<SendResult> future) {
        try {
            SendResult r = future.getNow(null);
            return r != null ? r : SendResult.failed(clock.instant(), "no outcome from the connection");
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return SendResult.failed(clock.instant(), reason(cause));
        }
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Asks WhatsApp for a pairing code on the session's connection waiting for a scan. The wait is bounded by the
     * connector; the session's other work waits behind it, as it should (the code belongs to this connection).
     */
    private void pairingCode(SessionRuntime rt, RequestPairingCode p, Position at) {
        if (rt.state == null) {
            rt.commandFailed = true;
            reportFailure(p, "session not found");
            return;
        }
        SessionSnapshot applied = rt.state.withApplied(p.commandId(), at.partition(), at.offset());
        if (rt.connection == null || rt.state.status() != SessionStatus.QR_REQUIRED) {
            rt.commandFailed = true;
            reportFailure(p, "session is not waiting to be linked (status " + rt.state.status().wire()
                    + "); a pairing code can be requested while it is qr_required");
            rt.state = publisher.stateUpdated(applied, false);
            return;
        }
        String code;
        try {
            code = rt.connection.requestPairingCode(p.phoneNumber());
        } catch (ConnectorException | RuntimeException e) {
            rt.commandFailed = true;
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("pairing code failed sessionId={} commandId={} reason=\"{}\"", rt.sessionId, p.commandId(), reason);
            reportFailure(p, reason);
            rt.state = publisher.stateUpdated(applied, false);
            return;
        }
        rt.state = publisher.pairingCode(applied, code, p.commandId());
    }

    // ---- connection handling ----

    /** Publishes {@code initializing} (or {@code error} when MAX_SESSIONS is reached) and starts a connection. */
    private void open(SessionRuntime rt, SessionSnapshot base, String commandId) {
        int held = reserveSlot(rt.sessionId);
        if (held >= 0) {
            String reason = "max sessions reached: this worker already holds " + held
                    + " sessions (MAX_SESSIONS=" + maxSessions + ")";
            log.warn("session refused sessionId={} reason=\"{}\"", rt.sessionId, reason);
            transition(rt, base.withStatus(SessionStatus.ERROR).withError(reason), commandId);
            return;
        }
        try {
            transition(rt, base.withStatus(SessionStatus.INITIALIZING), commandId);
        } catch (RuntimeException e) {
            connected.remove(rt.sessionId); // not opened: give the slot back
            throw e;
        }
        long generation = ++rt.generation;
        try {
            // an unreadable store (corrupt, wrong SESSION_STORE_KEY) ends this session in error, before any connection
            store.verify(rt.sessionId);
            rt.connection = connector.connect(new SessionSpec(rt.sessionId, rt.state.userId(), rt.state.sessionName()),
                    new Callbacks(rt, generation));
        } catch (Exception e) {
            connected.remove(rt.sessionId);
            rt.generation++;
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("connect failed sessionId={} reason=\"{}\"", rt.sessionId, reason);
            transition(rt, rt.state.withStatus(SessionStatus.ERROR).withError(reason), commandId);
        }
    }

    /**
     * Takes a MAX_SESSIONS slot for the session, atomically across all sessions' mailboxes (which run concurrently):
     * the check and the add happen under one lock, so concurrent opens never exceed the limit. Slots are given back
     * by removing the session from {@link #connected} (close, drop, failed connect), which only ever frees room.
     *
     * @return -1 when the slot is the session's (taken now or already held), else how many sessions hold one
     */
    private int reserveSlot(String sessionId) {
        synchronized (connected) {
            if (connected.contains(sessionId)) {
                return -1;
            }
            int held = connected.size();
            if (held >= maxSessions) {
                return held;
            }
            connected.add(sessionId);
            return -1;
        }
    }

    /** Closes the session's connection, if any; returns a problem worth reporting, or null. */
    private String closeConnection(SessionRuntime rt, boolean logout) {
        Connection c = rt.connection;
        rt.connection = null;
        rt.generation++;
        connected.remove(rt.sessionId);
        if (c == null) {
            return logout ? logoutStored(rt) : null;
        }
        try {
            if (logout) {
                c.logout();
            } else {
                c.disconnect();
            }
            return null;
        } catch (Exception e) {
            String reason = (logout ? "whatsapp logout failed: " : "disconnect failed: ")
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            log.warn("connection close failed sessionId={} logout={} reason=\"{}\"", rt.sessionId, logout, reason);
            return logout ? reason : null;
        }
    }

    /**
     * Logout with credentials but no connection (disconnected by the user, replaced, in error): the device is still
     * linked on the phone, so log in from the credentials just to remove it. A failure is reported, never fatal:
     * the caller deletes the credentials all the same.
     */
    private String logoutStored(SessionRuntime rt) {
        if (!store.hasCredentials(rt.sessionId)) {
            return null; // never paired, or already logged out: no device to remove
        }
        try {
            connector.logoutStored(new SessionSpec(rt.sessionId, rt.state.userId(), rt.state.sessionName()));
            log.info("logout without a connection: device removed sessionId={}", rt.sessionId);
            return null;
        } catch (Exception e) {
            String reason = "whatsapp logout failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            log.warn("logout without a connection failed sessionId={} reason=\"{}\" (credentials deleted locally; "
                    + "the linked device stays listed on the phone until removed there)", rt.sessionId, reason);
            return reason;
        }
    }

    private String deleteFiles(String sessionId, boolean everything, String problem) {
        try {
            if (everything) {
                store.deleteAll(sessionId);
            } else {
                store.deleteCredentials(sessionId);
            }
            log.info("session files deleted sessionId={} scope={}", sessionId, everything ? "all" : "credentials");
            return problem;
        } catch (Exception e) {
            log.error("session files could not be deleted sessionId={}", sessionId, e);
            return problem != null ? problem : "credentials could not be deleted: " + e.getClass().getSimpleName();
        }
    }

    private void transition(SessionRuntime rt, SessionSnapshot next, String commandId) {
        rt.state = publisher.statusChanged(rt.state, next, commandId);
    }

    /** Every message status goes out through here, so the metrics see each one. */
    private void publishMessageStatus(String sessionId, String messageId, String commandId, MessageStatus status,
                                      String error, Instant at, OutboundDetails outbound) {
        publisher.messageStatus(sessionId, messageId, commandId, status, error, at, outbound);
        observer.messageStatus(status.wire());
    }

    void reportFailure(SessionCommand command, String reason) {
        if (command instanceof SendMessage s) {
            publishMessageStatus(s.sessionId(), s.messageId(), s.commandId(), MessageStatus.FAILED, reason,
                    clock.instant(), null);
        }
        publisher.commandFailed(command.sessionId(), command.commandId(), CommandCodec.typeName(command), reason);
    }

    private void load(SessionRuntime rt) {
        if (rt.loaded) {
            return;
        }
        SessionSnapshotSource.Loaded loaded = stateSource.load(rt.sessionId);
        rt.state = loaded.state();
        rt.deletedApplied = loaded.deletedApplied();
        rt.loaded = true;
    }

    /** The connection's reports, re-serialised onto the session's mailbox; stale generations are ignored. */
    private final class Callbacks implements ConnectionListener {
        private final SessionRuntime rt;
        private final long generation;

        Callbacks(SessionRuntime rt, long generation) {
            this.rt = rt;
            this.generation = generation;
        }

        private void onMailbox(String what, Runnable r) {
            rt.mailbox.submit(() -> {
                if (rt.generation != generation || rt.state == null) {
                    log.debug("stale connection event ignored sessionId={} event={}", rt.sessionId, what);
                    return;
                }
                try {
                    r.run();
                } catch (PublisherClosedException e) {
                    log.warn("connection event lost at shutdown sessionId={} event={}", rt.sessionId, what);
                } catch (RuntimeException e) {
                    log.error("connection event failed sessionId={} event={}", rt.sessionId, what, e);
                }
            });
        }

        private void dropped(SessionStatus status, String reason, boolean deleteCredentials) {
            rt.connection = null;
            rt.generation++;
            connected.remove(rt.sessionId);
            String problem = deleteCredentials ? deleteFiles(rt.sessionId, false, reason) : reason;
            transition(rt, rt.state.withStatus(status).withError(problem), null);
        }

        @Override
        public void qrCode(String qrString) {
            onMailbox("qr", () -> transition(rt,
                    rt.state.withStatus(SessionStatus.QR_REQUIRED).withQr(QrCodes.dataUrl(qrString), qrString), null));
        }

        @Override
        public void connected(String phoneNumber) {
            onMailbox("connected", () -> transition(rt,
                    rt.state.withStatus(SessionStatus.CONNECTED).withPhoneNumber(phoneNumber), null));
        }

        /**
         * The connection works its way back by itself: the status says so, while the connection and its
         * MAX_SESSIONS slot stay the session's. One event per drop: the attempts that follow (each with its own
         * reason) are logged by the connector, not published, so thousands of sessions retrying after an outage do
         * not flood the events and webhooks.
         */
        private void retrying(SessionStatus status, String reason) {
            SessionSnapshot s = rt.state;
            if (s.status() == status && s.reconnecting()) {
                return;
            }
            transition(rt, s.withStatus(status).withError(reason).withReconnecting(true), null);
        }

        @Override
        public void reconnecting(String reason) {
            onMailbox("reconnecting", () -> retrying(SessionStatus.DISCONNECTED, reason));
        }

        @Override
        public void retryingRefused(String reason) {
            onMailbox("retrying_refused", () -> retrying(SessionStatus.ERROR, reason));
        }

        @Override
        public void disconnected(String reason) {
            onMailbox("disconnected", () -> dropped(SessionStatus.DISCONNECTED, reason, false));
        }

        @Override
        public void loggedOut(String reason) {
            onMailbox("logged_out", () -> dropped(SessionStatus.LOGGED_OUT, reason, true));
        }

        @Override
        public void failed(String reason) {
            onMailbox("failed", () -> dropped(SessionStatus.ERROR, reason, false));
        }

        /**
         * Published only when it moves the message forward (a repeated or late receipt is dropped here). A message
         * the session's short memory does not know (after a restart, a take-over, or an older one) is looked up in
         * the history first, so a late {@code delivered} after {@code read} stays unpublished across restarts too.
         */
        @Override
        public void messageStatus(String messageId, MessageStatus status, String error) {
            onMailbox("message_status", () -> {
                if (rt.statuses.latest(messageId) == null) {
                    knownFromHistory(messageId).ifPresent(known -> rt.statuses.advance(messageId, known));
                }
                if (status != MessageStatus.FAILED && !rt.inFlight.isEmpty()
                        && rt.statuses.latest(messageId) == MessageStatus.PENDING) {
                    // the receipt overtook the server's ack: it follows the send's outcome (see settle)
                    rt.heldReceipts.merge(messageId, status, (a, b) -> b.ordinal() > a.ordinal() ? b : a);
                    return;
                }
                if (!rt.statuses.advance(messageId, status)) {
                    log.debug("message status not forward, dropped sessionId={} messageId={} status={} known={}",
                            rt.sessionId, messageId, status.wire(), rt.statuses.latest(messageId).wire());
                    return;
                }
                publishMessageStatus(rt.sessionId, messageId, null, status,
                        status == MessageStatus.FAILED ? error : null, clock.instant(), null);
            });
        }

        /**
         * The history's status of the message. It may be slightly behind the topic (a receipt racing the projection
         * of the status before it is then published; the history itself still keeps the message forward-only). A
         * history that cannot answer is not a reason to hold the receipt back: it is then published as it comes.
         */
        private Optional<MessageStatus> knownFromHistory(String messageId) {
            try {
                return statusLookup.latestStatus(rt.sessionId, messageId);
            } catch (RuntimeException e) {
                log.warn("message status lookup in the history failed, receipt published as it comes sessionId={} "
                        + "messageId={} reason=\"{}\"", rt.sessionId, messageId, reason(e));
                return Optional.empty();
            }
        }

        /**
         * Published at once from the client's thread, not through the mailbox, and whatever the connection's
         * generation: a received message is a fact about the account, not about this connection, so it is never
         * dropped as stale (a restart or a reconnect in between must not lose it), and the mailbox's other work
         * does not delay the client's ack. The stage completes when Kafka acknowledged the event; on failure the
         * client does not ack and WhatsApp delivers the message again.
         */
        @Override
        public CompletionStage<Void> messageReceived(InboundMessage message) {
            CompletableFuture<Void> published = publisher.messageReceivedAsync(rt.sessionId, message);
            published.whenComplete((ok, error) -> {
                if (error != null) {
                    log.warn("message received not published, left for WhatsApp to redeliver sessionId={} "
                            + "messageId={} reason=\"{}\"", rt.sessionId, message.messageId(), reason(error));
                }
            });
            return published;
        }
    }
}
