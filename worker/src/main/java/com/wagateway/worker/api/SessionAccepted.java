package com.wagateway.worker.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code data} of create and restart: the command was accepted and the session starts over. */
@Schema(example = "{\"sessionId\": \"user123-personal\", \"status\": \"initializing\"}")
public record SessionAccepted(String sessionId, String status) {}
