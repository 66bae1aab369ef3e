package com.wagateway.worker.relay;

import java.time.Instant;

/**
 * One webhook call an event becomes: where it goes and the exact JSON body. {@code eventId} travels as
 * {@code X-Event-Id} (and {@code webhook-id}) on every attempt and every replay, so the Backend can drop duplicates.
 */
public record WebhookCall(WebhookKind kind, String path, String eventId, String eventType, String sessionId,
                          Instant occurredAt, byte[] body) {}
