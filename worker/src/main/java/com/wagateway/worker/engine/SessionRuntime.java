package com.wagateway.worker.engine;

import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.message.MessageStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;

/**
 * What the engine holds for one session it owns. Touched only from the session's {@link SessionMailbox}, so no
 * field needs a lock; {@code generation} tells callbacks of a connection the engine already closed from current ones.
 */
final class SessionRuntime {

    final String sessionId;
    final SessionMailbox mailbox;
    boolean loaded;
    /** Null when the session does not exist (never created, or deleted). */
    SessionSnapshot state;
    /** For a session without state: the applied-command memory its tombstone carried. */
    AppliedCommands deletedApplied = AppliedCommands.NONE;
    Connection connection;
    long generation;
    /** Set while a command runs when it was refused and reported as CommandFailed (for the command metrics). */
    boolean commandFailed;
    /** Sends waiting for WhatsApp's ack, by their offset on wa.commands. */
    final TreeMap<Long, InFlightSend> inFlight = new TreeMap<>();
    /**
     * Offsets of commands executed (or dispatched) that the published {@code appliedOffset} does not cover yet,
     * because a send before them is still in flight: the applied-command ids are all that remembers them.
     */
    final TreeSet<Long> beyondWatermark = new TreeSet<>();
    /** The highest offset of a command executed for this session since the runtime was created. */
    long highestExecuted = -1;
    final RecentStatuses statuses = new RecentStatuses();
    /**
     * Receipts that overtook their send's outcome (the server's ack, or its timeout), by message id: published right
     * after the outcome, so the Backend always hears {@code sent} (or {@code failed}) before {@code delivered}.
     */
    final Map<String, MessageStatus> heldReceipts = new HashMap<>();

    SessionRuntime(String sessionId, Executor threads) {
        this.sessionId = sessionId;
        this.mailbox = new SessionMailbox(sessionId, threads);
    }

    AppliedCommands applied() {
        return state != null ? state.applied() : deletedApplied;
    }
}
