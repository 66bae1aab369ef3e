package com.wagateway.worker.engine;

import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.time.Instant;

/**
 * A session's state as the engine holds it and publishes it to {@code wa.session-state}.
 * {@code ownerWorkerId} is the worker whose engine published it.
 */
public record SessionSnapshot(String sessionId, String userId, String sessionName, SessionStatus status,
                              String phoneNumber, String qrCode, String qrString, String error,
                              Instant lastActivity, Instant updatedAt, String ownerWorkerId, String eventId,
                              String lastCommandId, AppliedCommands applied, boolean reconnecting) {

    public static SessionSnapshot created(String sessionId, String userId, String sessionName) {
        return new SessionSnapshot(sessionId, userId, sessionName, SessionStatus.INITIALIZING, null, null, null,
                null, null, null, null, null, null, AppliedCommands.NONE, false);
    }

    public SessionView toView() {
        return new SessionView(sessionId, userId, sessionName, status, phoneNumber, qrCode, qrString, error,
                lastActivity, ownerWorkerId, reconnecting);
    }

    /** The next status; QR, error and the reconnecting mark are cleared unless the caller sets them again. */
    public SessionSnapshot withStatus(SessionStatus next) {
        String phone = next == SessionStatus.LOGGED_OUT ? null : phoneNumber;
        return new SessionSnapshot(sessionId, userId, sessionName, next, phone, null, null, null, lastActivity,
                updatedAt, ownerWorkerId, eventId, lastCommandId, applied, false);
    }

    public SessionSnapshot withError(String reason) {
        return new SessionSnapshot(sessionId, userId, sessionName, status, phoneNumber, qrCode, qrString, reason,
                lastActivity, updatedAt, ownerWorkerId, eventId, lastCommandId, applied, reconnecting);
    }

    public SessionSnapshot withQr(String code, String string) {
        return new SessionSnapshot(sessionId, userId, sessionName, status, phoneNumber, code, string, error,
                lastActivity, updatedAt, ownerWorkerId, eventId, lastCommandId, applied, reconnecting);
    }

    public SessionSnapshot withPhoneNumber(String phone) {
        return new SessionSnapshot(sessionId, userId, sessionName, status, phone, qrCode, qrString, error,
                lastActivity, updatedAt, ownerWorkerId, eventId, lastCommandId, applied, reconnecting);
    }

    public SessionSnapshot withOwner(String user, String name) {
        return new SessionSnapshot(sessionId, user, name, status, phoneNumber, qrCode, qrString, error,
                lastActivity, updatedAt, ownerWorkerId, eventId, lastCommandId, applied, reconnecting);
    }

    public SessionSnapshot withApplied(String commandId, int partition, long offset) {
        return new SessionSnapshot(sessionId, userId, sessionName, status, phoneNumber, qrCode, qrString, error,
                lastActivity, updatedAt, ownerWorkerId, eventId, commandId, applied.plus(commandId, partition, offset), reconnecting);
    }

    /**
     * Marks a status the connection is still working its way out of by itself (reconnecting after a drop, retrying
     * a refused version): a worker that takes the session over resumes it like a live one.
     */
    public SessionSnapshot withReconnecting(boolean on) {
        return new SessionSnapshot(sessionId, userId, sessionName, status, phoneNumber, qrCode, qrString, error,
                lastActivity, updatedAt, ownerWorkerId, eventId, lastCommandId, applied, on);
    }

    /** Stamped by the publisher just before the record goes out. */
    public SessionSnapshot stamped(String workerId, String newEventId, Instant at, boolean activity) {
        return new SessionSnapshot(sessionId, userId, sessionName, status, phoneNumber, qrCode, qrString, error,
                activity || lastActivity == null ? at : lastActivity, at, workerId, newEventId, lastCommandId, applied, reconnecting);
    }
}
