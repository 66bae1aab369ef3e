package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sender's own failures, its breaker's name and the start-up checks of BACKEND_URL and the webhook paths. */
class WebhookSenderTest {

    final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowSize(1).minimumNumberOfCalls(1).permittedNumberOfCallsInHalfOpenState(1).build());

    @Test
    void anUnexpectedErrorIsAFailureThatReleasesThePermitAndIsNotRetried() throws Exception {
        WebhookSender sender = new WebhookSender("http://127.0.0.1:9", "tok", "w1", null, Duration.ofSeconds(1),
                breakers, Clock.systemUTC());
        sender.breaker().transitionToOpenState();
        sender.breaker().transitionToHalfOpenState();
        // a null event id makes the request builder throw a NullPointerException (not an IOException)
        WebhookCall broken = new WebhookCall(WebhookKind.MESSAGE_STATUS, "/api/v1/webhooks/message-status", null,
                "message.status", "s1", Instant.now(), "{}".getBytes(StandardCharsets.UTF_8));

        DeliveryAttempt attempt = sender.send(broken);

        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.INTERNAL_ERROR);
        // the half-open trial call was recorded (as a failure): the permit did not leak
        assertThat(sender.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 2.0, 0.5, Duration.ofMinutes(5),
                Duration.ofHours(24), 3);
        assertThat(policy.afterFailure(attempt, 1, 0, Duration.ZERO)).isEqualTo(new RetryPolicy.GiveUp("internal_error"));
    }

    @Test
    void unauthorizedCountsAsABreakerFailure() throws Exception {
        try (BackendStub backend = new BackendStub()) {
            backend.respond(r -> 401);
            WebhookSender sender = new WebhookSender(backend.url(), "wrong", "w1", null, Duration.ofSeconds(5),
                    breakers, Clock.systemUTC());
            DeliveryAttempt attempt = sender.send(new WebhookCall(WebhookKind.MESSAGE_STATUS, "/hook", "e1",
                    "message.status", "s1", Instant.now(), "{}".getBytes(StandardCharsets.UTF_8)));
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.UNAUTHORIZED);
            assertThat(sender.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        }
    }

    @Test
    void theBreakerIsNamedWithoutUserInfo() {
        WebhookSender sender = new WebhookSender("https://user:secret@backend.example:8443/base/", "tok", "w1", null,
                Duration.ofSeconds(1), breakers, Clock.systemUTC());
        assertThat(sender.breaker().getName()).isEqualTo("backend:https://backend.example:8443/base");
    }

    @Test
    void aMalformedBackendUrlOrPathFailsAtStartUpNamingTheVariable() {
        assertThatThrownBy(() -> WebhookSender.validateBaseUrl("backend.example:8080"))
                .hasMessageContaining("BACKEND_URL");
        assertThatThrownBy(() -> WebhookSender.validateBaseUrl("http://bad host/"))
                .hasMessageContaining("BACKEND_URL");
        assertThatThrownBy(() -> WebhookSender.validateBaseUrl("ftp://backend.example"))
                .hasMessageContaining("BACKEND_URL");
        WebhookSender.validateBaseUrl("http://127.0.0.1:8080/");
        assertThatThrownBy(() -> WebhookSender.validatePath("WEBHOOK_MESSAGE_PATH", "http://b.example", "api/x"))
                .hasMessageContaining("WEBHOOK_MESSAGE_PATH");
        assertThatThrownBy(() -> WebhookSender.validatePath("WEBHOOK_MESSAGE_STATUS_PATH", "http://b.example",
                "/api/a b")).hasMessageContaining("WEBHOOK_MESSAGE_STATUS_PATH");
        WebhookSender.validatePath("WEBHOOK_SESSION_STATUS_PATH", "http://b.example/", "/api/v1/webhooks/x");
    }
}
