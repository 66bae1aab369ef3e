package com.wagateway.worker.engine;

import com.wagateway.worker.connector.Connection;
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

    SessionRuntime(String sessionId, Executor threads) {
        this.sessionId = sessionId;
        this.mailbox = new SessionMailbox(sessionId, threads);
    }

    AppliedCommands applied() {
        return state != null ? state.applied() : deletedApplied;
    }
}
