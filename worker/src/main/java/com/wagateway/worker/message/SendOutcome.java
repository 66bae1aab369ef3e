package com.wagateway.worker.message;

import java.time.Instant;

/** What {@code POST /send} answers: {@code sent}/{@code failed} once known, else {@code pending}. */
public record SendOutcome(String messageId, MessageStatus status, Instant timestamp, String error) {}
