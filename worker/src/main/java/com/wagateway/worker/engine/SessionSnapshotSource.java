package com.wagateway.worker.engine;

/** Where the engine loads a session's last published state from when it takes the session on. */
public interface SessionSnapshotSource {

    Loaded load(String sessionId);

    /** {@code state} null when the session does not exist; {@code deletedApplied} from its tombstone then. */
    record Loaded(SessionSnapshot state, AppliedCommands deletedApplied) {}
}
