package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.relay.RetryPolicy.GiveUp;
import com.wagateway.worker.relay.RetryPolicy.RetryAfter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The relay's retry decisions: which answers are retried how long, and the backoff's growth, jitter and cap. */
class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 2.0, 0.5, Duration.ofMinutes(5),
            Duration.ofHours(24), 3);

    @Test
    void outagesAreRetriedUntilTheBudgetIsSpent() {
        for (int status : new int[] {500, 502, 503, 408, 429}) {
            DeliveryAttempt a = DeliveryAttempt.answered(status, "", null);
            assertThat(policy.afterFailure(a, 50, 0, Duration.ofHours(23))).as("%s", status).isInstanceOf(RetryAfter.class);
            assertThat(policy.afterFailure(a, 50, 0, Duration.ofHours(24))).isEqualTo(new GiveUp("retry_budget_exhausted"));
        }
        assertThat(policy.afterFailure(DeliveryAttempt.failed(new java.net.ConnectException()), 3, 0, Duration.ZERO))
                .isInstanceOf(RetryAfter.class);
        assertThat(policy.afterFailure(DeliveryAttempt.circuitOpen(), 3, 0, Duration.ZERO)).isInstanceOf(RetryAfter.class);
    }

    /** A wrong token affects every event alike: an outage to ride out, not a reason to dead-letter everything. */
    @Test
    void unauthorizedAndForbiddenAreOutagesRetriedUntilTheBudgetIsSpent() {
        for (int status : new int[] {401, 403}) {
            DeliveryAttempt a = DeliveryAttempt.answered(status, "", null);
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.UNAUTHORIZED);
            assertThat(a.outcome().outage()).as("breaker failure").isTrue();
            assertThat(policy.afterFailure(a, 50, 0, Duration.ofHours(23))).as("%s", status).isInstanceOf(RetryAfter.class);
            assertThat(policy.afterFailure(a, 50, 0, Duration.ofHours(24))).isEqualTo(new GiveUp("retry_budget_exhausted"));
        }
        assertThat(AttemptOutcome.ofStatus(400).outage()).isFalse();
        assertThat(AttemptOutcome.ofStatus(404)).isEqualTo(AttemptOutcome.CLIENT_ERROR);
    }

    @Test
    void otherClientErrorsGetAFewTries() {
        DeliveryAttempt a = DeliveryAttempt.answered(400, "bad", null);
        assertThat(policy.afterFailure(a, 1, 1, Duration.ZERO)).isInstanceOf(RetryAfter.class);
        assertThat(policy.afterFailure(a, 2, 2, Duration.ZERO)).isInstanceOf(RetryAfter.class);
        assertThat(policy.afterFailure(a, 3, 3, Duration.ZERO)).isEqualTo(new GiveUp("client_error"));
        assertThat(policy.afterFailure(DeliveryAttempt.answered(404, "", null), 3, 3, Duration.ZERO))
                .isEqualTo(new GiveUp("client_error"));
    }

    @Test
    void backoffGrowsWithJitterAndIsCapped() {
        DeliveryAttempt a = DeliveryAttempt.answered(503, "", null);
        long first = delay(a, 1);
        assertThat(first).isBetween(500L, 1500L);
        long fifth = delay(a, 5); // 16 s ± 50 %
        assertThat(fifth).isBetween(8_000L, 24_000L);
        for (int i = 20; i < 30; i++) {
            assertThat(delay(a, i)).isLessThanOrEqualTo(Duration.ofMinutes(5).toMillis());
        }
    }

    /** Capped first, randomized after: at the cap the lanes' waits still spread instead of all being 300 s. */
    @Test
    void waitsAtTheCapStillSpreadBelowIt() {
        DeliveryAttempt a = DeliveryAttempt.answered(503, "", null);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            long d = delay(a, 30 + i % 10);
            assertThat(d).isBetween(150_000L, 300_000L);
            seen.add(d);
        }
        assertThat(seen).as("distinct waits at the cap").hasSizeGreaterThan(100);
    }

    @Test
    void retryAfterLengthensTheWaitUpToTheCap() {
        assertThat(delay(DeliveryAttempt.answered(429, "", Duration.ofSeconds(30)), 1)).isEqualTo(30_000L);
        assertThat(delay(DeliveryAttempt.answered(429, "", Duration.ofHours(1)), 1)).isEqualTo(300_000L);
    }

    private long delay(DeliveryAttempt a, int failures) {
        return ((RetryAfter) policy.afterFailure(a, failures, 0, Duration.ZERO)).delay().toMillis();
    }
}
