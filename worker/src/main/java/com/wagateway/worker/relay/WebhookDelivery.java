package com.wagateway.worker.relay;

import com.wagateway.worker.relay.RetryPolicy.GiveUp;
import com.wagateway.worker.relay.RetryPolicy.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one call: calls, and after a failure waits as the {@link RetryPolicy} says (sleeping the calling virtual
 * thread: the partition waits, nothing spins) and calls again with the same event id, until 2xx or the policy gives
 * up. Every call is counted; every failure is logged with sessionId and eventId.
 */
public final class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final WebhookSender sender;
    private final RetryPolicy policy;
    private final RelayMetrics metrics;
    private final Clock clock;

    public WebhookDelivery(WebhookSender sender, RetryPolicy policy, RelayMetrics metrics, Clock clock) {
        this.sender = sender;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param retrying told {@code true} once the first call failed and {@code false} when the event is settled, so
     *                 the caller can pause its partition meanwhile
     * @throws InterruptedException when the relay stops mid-delivery: the event stays undelivered (and uncommitted)
     */
    public DeliveryResult deliver(WebhookCall call, java.util.function.Consumer<Boolean> retrying)
            throws InterruptedException {
        Instant first = clock.instant();
        int calls = 0;
        int failures = 0;
        int clientErrors = 0;
        try {
            while (true) {
                DeliveryAttempt attempt = sender.send(call);
                calls++;
                metrics.call(call.kind(), attempt.outcome());
                if (attempt.outcome() == AttemptOutcome.DELIVERED) {
                    if (failures > 0) {
                        log.info("webhook delivered after retries kind={} sessionId={} eventId={} calls={}",
                                call.kind().tag(), call.sessionId(), call.eventId(), calls);
                    }
                    return new DeliveryResult(true, null, attempt, calls);
                }
                failures++;
                if (attempt.outcome() == AttemptOutcome.CLIENT_ERROR) {
                    clientErrors++;
                }
                RetryPolicy.Decision decision = policy.afterFailure(attempt, failures, clientErrors,
                        Duration.between(first, clock.instant()));
                if (decision instanceof GiveUp g) {
                    log.warn("webhook given up kind={} sessionId={} eventId={} reason={} last=\"{}\" calls={}",
                            call.kind().tag(), call.sessionId(), call.eventId(), g.reason(), attempt.describe(), calls);
                    return new DeliveryResult(false, g.reason(), attempt, calls);
                }
                Duration delay = ((RetryAfter) decision).delay();
                retrying.accept(true);
                metrics.retry(call.kind());
                log.warn("webhook failed, retrying kind={} sessionId={} eventId={} outcome={} last=\"{}\" call={} delayMs={}",
                        call.kind().tag(), call.sessionId(), call.eventId(), attempt.outcome().tag(), attempt.describe(),
                        calls, delay.toMillis());
                Thread.sleep(delay);
            }
        } finally {
            retrying.accept(false);
        }
    }
}
