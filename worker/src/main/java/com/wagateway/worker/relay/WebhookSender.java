package com.wagateway.worker.relay;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Makes one webhook call: the spec's headers ({@code Authorization}, {@code X-Event-Id}, {@code X-Event-Type},
 * {@code X-Worker-Id}), the Standard Webhooks signature when a secret is set, through the circuit breaker of the
 * Backend's base URL. An open circuit costs no call at all, so a Backend outage does not turn into a storm of
 * connections from every partition. Never retries; {@link WebhookDelivery} decides what happens next.
 */
public final class WebhookSender {

    private final String baseUrl;
    private final String authToken;
    private final String workerId;
    private final WebhookSigner signer;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final HttpClient http;

    public WebhookSender(String baseUrl, String authToken, String workerId, WebhookSigner signer, Duration timeout,
                         CircuitBreakerRegistry breakers, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authToken = authToken == null || authToken.isBlank() ? null : authToken.strip();
        this.workerId = workerId;
        this.signer = signer;
        this.timeout = timeout;
        // one breaker per Backend, named after it: resilience4j_circuitbreaker_state{name="backend:<url>"}
        this.breaker = breakers.circuitBreaker("backend:" + this.baseUrl);
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public DeliveryAttempt send(WebhookCall call) throws InterruptedException {
        if (!breaker.tryAcquirePermission()) {
            return DeliveryAttempt.circuitOpen();
        }
        long start = System.nanoTime();
        DeliveryAttempt attempt;
        try {
            HttpResponse<byte[]> response = http.send(request(call), HttpResponse.BodyHandlers.ofByteArray());
            attempt = DeliveryAttempt.answered(response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8), retryAfter(response));
        } catch (IOException | IllegalArgumentException e) {
            attempt = DeliveryAttempt.failed(e);
        } catch (InterruptedException e) {
            breaker.releasePermission();
            throw e;
        }
        long took = System.nanoTime() - start;
        // a 4xx means the Backend is up and answering: only outages count against the breaker
        if (attempt.outcome() == AttemptOutcome.SERVER_ERROR || attempt.outcome() == AttemptOutcome.NETWORK_ERROR) {
            breaker.onError(took, TimeUnit.NANOSECONDS, new IOException(attempt.describe()));
        } else {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        }
        return attempt;
    }

    private HttpRequest request(WebhookCall call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Event-Id", call.eventId())
                .header("X-Event-Type", call.eventType())
                .header("X-Worker-Id", workerId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (authToken != null) {
            b.header("Authorization", "Bearer " + authToken);
        }
        if (signer != null) {
            long timestamp = clock.instant().getEpochSecond();
            b.header("webhook-id", call.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signer.sign(call.eventId(), timestamp, call.body()));
        }
        return b.build();
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return null; // an HTTP date: ignored, our own backoff applies
            }
        }).orElse(null);
    }
}
