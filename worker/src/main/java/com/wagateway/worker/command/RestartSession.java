package com.wagateway.worker.command;

import java.time.Instant;

public record RestartSession(String commandId, String sessionId, Instant issuedAt) implements SessionCommand {}
