package com.wagateway.worker.relay;

/**
 * How an event's delivery ended: delivered (2xx), or given up with a reason ({@code client_error},
 * {@code retry_budget_exhausted}) and the last call's result, for the dead-letter record.
 */
public record DeliveryResult(boolean delivered, String giveUpReason, DeliveryAttempt last, int calls) {}
