package com.wagateway.worker.command;

import java.time.Instant;

public record CreateSession(String commandId, String sessionId, Instant issuedAt, String userId, String sessionName)
        implements SessionCommand {}
