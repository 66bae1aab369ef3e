package com.wagateway.worker.relay;

import java.time.Duration;

/**
 * When to call again and when to give up. Waits grow exponentially up to {@code max}, capped first and randomized
 * after (see {@link #backoffMillis}); a {@code Retry-After} from the Backend
 * lengthens the wait (never beyond {@code max}). Outage-like failures (5xx, 408, 429, 401, 403, no answer, open
 * circuit) are retried until {@code budget} has passed since the first call; other answers only
 * {@code clientErrorAttempts} times; a call the worker could not make at all ({@code internal_error}) is not retried.
 */
public final class RetryPolicy {

    /** What to do after a failed call. */
    public sealed interface Decision {}

    public record RetryAfter(Duration delay) implements Decision {}

    public record GiveUp(String reason) implements Decision {}

    private final Duration initial;
    private final double multiplier;
    private final double jitter;
    private final Duration max;
    private final Duration budget;
    private final int clientErrorAttempts;

    public RetryPolicy(Duration initial, double multiplier, double jitter, Duration max, Duration budget,
                       int clientErrorAttempts) {
        this.initial = initial;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.max = max;
        this.budget = budget;
        this.clientErrorAttempts = clientErrorAttempts;
    }

    public static RetryPolicy of(RelayProperties p) {
        return new RetryPolicy(p.backoffInitial(), p.backoffMultiplier(), p.backoffJitter(), p.backoffMax(),
                p.retryBudget(), p.clientErrorAttempts());
    }

    /**
     * The wait before call {@code failures + 1}: {@code initial · multiplier^(failures−1)}, capped at {@code max} first
     * and then randomized within {@code ±jitter} without going beyond {@code max}, so at the cap the waits still
     * spread over {@code [max·(1−jitter), max]} instead of every lane retrying at exactly {@code max}.
     */
    long backoffMillis(int failures) {
        double exponential = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        double capped = Math.min(exponential, max.toMillis());
        double low = capped * (1 - jitter);
        double high = Math.min(capped * (1 + jitter), max.toMillis());
        double delay = high > low ? java.util.concurrent.ThreadLocalRandom.current().nextDouble(low, high) : capped;
        return Math.max(0, Math.round(delay));
    }

    /**
     * @param failures       failed calls so far, this one included (1 after the first)
     * @param clientErrors   calls answered with a client error so far, this one included
     * @param sinceFirstCall time since the event's first call
     */
    public Decision afterFailure(DeliveryAttempt last, int failures, int clientErrors, Duration sinceFirstCall) {
        if (last.outcome() == AttemptOutcome.INTERNAL_ERROR) {
            return new GiveUp("internal_error");
        }
        if (last.outcome() == AttemptOutcome.CLIENT_ERROR && clientErrors >= clientErrorAttempts) {
            return new GiveUp("client_error");
        }
        if (sinceFirstCall.compareTo(budget) >= 0) {
            return new GiveUp("retry_budget_exhausted");
        }
        Duration delay = Duration.ofMillis(backoffMillis(failures));
        if (last.retryAfter() != null && last.retryAfter().compareTo(delay) > 0) {
            delay = last.retryAfter().compareTo(max) > 0 ? max : last.retryAfter();
        }
        return new RetryAfter(delay);
    }
}
