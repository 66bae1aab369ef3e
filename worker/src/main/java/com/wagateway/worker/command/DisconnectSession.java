package com.wagateway.worker.command;

import java.time.Instant;

public record DisconnectSession(String commandId, String sessionId, Instant issuedAt) implements SessionCommand {}
