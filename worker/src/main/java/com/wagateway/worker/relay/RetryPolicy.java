package com.wagateway.worker.relay;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * When to call again and when to give up. Waits grow exponentially with jitter (resilience4j's
 * {@link IntervalFunction#ofExponentialRandomBackoff}) up to {@code max}; a {@code Retry-After} from the Backend
 * lengthens the wait (never beyond {@code max}). Outage-like failures (5xx, 408, 429, no answer, open circuit) are
 * retried until {@code budget} has passed since the first call; other answers only {@code clientErrorAttempts} times.
 */
public final class RetryPolicy {

    /** What to do after a failed call. */
    public sealed interface Decision {}

    public record RetryAfter(Duration delay) implements Decision {}

    public record GiveUp(String reason) implements Decision {}

    private final IntervalFunction backoff;
    private final Duration max;
    private final Duration budget;
    private final int clientErrorAttempts;

    public RetryPolicy(Duration initial, double multiplier, double jitter, Duration max, Duration budget,
                       int clientErrorAttempts) {
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, jitter, max);
        this.max = max;
        this.budget = budget;
        this.clientErrorAttempts = clientErrorAttempts;
    }

    public static RetryPolicy of(RelayProperties p) {
        return new RetryPolicy(p.backoffInitial(), p.backoffMultiplier(), p.backoffJitter(), p.backoffMax(),
                p.retryBudget(), p.clientErrorAttempts());
    }

    /**
     * @param failures       failed calls so far, this one included (1 after the first)
     * @param clientErrors   calls answered with a client error so far, this one included
     * @param sinceFirstCall time since the event's first call
     */
    public Decision afterFailure(DeliveryAttempt last, int failures, int clientErrors, Duration sinceFirstCall) {
        if (last.outcome() == AttemptOutcome.CLIENT_ERROR && clientErrors >= clientErrorAttempts) {
            return new GiveUp("client_error");
        }
        if (sinceFirstCall.compareTo(budget) >= 0) {
            return new GiveUp("retry_budget_exhausted");
        }
        Duration delay = Duration.ofMillis(backoff.apply(failures));
        if (last.retryAfter() != null && last.retryAfter().compareTo(delay) > 0) {
            delay = last.retryAfter().compareTo(max) > 0 ? max : last.retryAfter();
        }
        return new RetryAfter(delay);
    }
}
