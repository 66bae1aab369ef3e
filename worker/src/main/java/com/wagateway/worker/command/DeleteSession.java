package com.wagateway.worker.command;

import java.time.Instant;

public record DeleteSession(String commandId, String sessionId, Instant issuedAt) implements SessionCommand {}
