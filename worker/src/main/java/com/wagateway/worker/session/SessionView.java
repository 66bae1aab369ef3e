package com.wagateway.worker.session;

import java.time.Instant;

/**
 * A session's latest state as every worker sees it (built from the compacted {@code wa.session-state}).
 * Nullable fields are absent from the REST body when null. {@code reconnecting}: the owner still holds the
 * session's connection, which is working its way back by itself (status disconnected or error meanwhile).
 */
public record SessionView(String sessionId, String userId, String sessionName, SessionStatus status,
                          String phoneNumber, String qrCode, String qrString, String error,
                          Instant lastActivity, String ownerWorkerId, boolean reconnecting) {}
