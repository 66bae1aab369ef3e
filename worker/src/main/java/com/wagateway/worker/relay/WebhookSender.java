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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** For a plain http:// Backend: the lean keep-alive client (https:// uses {@link #http}). */
    private final PlainHttpClient plain;

    public WebhookSender(String baseUrl, String authToken, String workerId, WebhookSigner signer, Duration timeout,
                         CircuitBreakerRegistry breakers, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authToken = authToken == null || authToken.isBlank() ? null : authToken.strip();
        this.workerId = workerId;
        this.signer = signer;
        this.timeout = timeout;
        // one breaker per Backend, named after it: resilience4j_circuitbreaker_state{name="backend:<url>"}
        this.breaker = breakers.circuitBreaker("backend:" + withoutUserInfo(this.baseUrl));
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.plain = plainClient(this.baseUrl, timeout);
    }

    private static PlainHttpClient plainClient(String baseUrl, Duration timeout) {
        try {
            URI uri = new URI(baseUrl);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    ? new PlainHttpClient(uri, timeout) : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null; // the JDK client reports it on every call, as before
        }
    }

    /**
     * Start-up check of {@code BACKEND_URL}: an absolute http(s) URL with a host, else an error naming the variable
     * (a malformed URL would otherwise fail every call, retried for the whole retry budget).
     */
    public static void validateBaseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("BACKEND_URL is not a valid URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new IllegalStateException("BACKEND_URL must be an absolute http(s) URL with a host, got \""
                    + withoutUserInfo(String.valueOf(url).strip()) + "\"");
        }
    }

    /** Start-up check of a webhook path ({@code variable} names its setting): it must start with / and parse. */
    public static void validatePath(String variable, String baseUrl, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalStateException(variable + " must start with /, got \"" + path + "\"");
        }
        String base = baseUrl.strip();
        try {
            URI uri = new URI((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
            if (uri.getHost() == null) {
                throw new IllegalStateException(variable + " does not form a valid URL with BACKEND_URL: \"" + path + "\"");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(variable + " is not a valid URL path: " + e.getMessage());
        }
    }

    /** The URL without {@code user:pass@}: the breaker's name becomes a Prometheus label. */
    static String withoutUserInfo(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", "$1");
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
            if (plain != null) {
                PlainHttpClient.Response response = plain.post(call.path(), headers(call), call.body());
                attempt = DeliveryAttempt.answered(response.status(),
                        new String(response.body(), StandardCharsets.UTF_8), retryAfter(response.retryAfter()));
            } else {
                HttpResponse<byte[]> response = http.send(request(call), HttpResponse.BodyHandlers.ofByteArray());
                attempt = DeliveryAttempt.answered(response.statusCode(),
                        new String(response.body(), StandardCharsets.UTF_8),
                        retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
            }
        } catch (IOException e) {
            attempt = DeliveryAttempt.failed(e);
        } catch (InterruptedException e) {
            breaker.releasePermission();
            throw e;
        } catch (RuntimeException e) {
            // never leak the permit: recorded as a failure, and the event is dead-lettered rather than retried
            attempt = DeliveryAttempt.internalError(e);
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return attempt;
        }
        long took = System.nanoTime() - start;
        // a 4xx (but 401/403) means the Backend is up and answering: only outages count against the breaker
        if (attempt.outcome().outage()) {
            breaker.onError(took, TimeUnit.NANOSECONDS, new IOException(attempt.describe()));
        } else {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        }
        return attempt;
    }

    private HttpRequest request(WebhookCall call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        headers(call).forEach(h -> b.header(h.getKey(), h.getValue()));
        return b.build();
    }

    /** The call's headers, the same for both clients. */
    private List<Map.Entry<String, String>> headers(WebhookCall call) {
        List<Map.Entry<String, String>> h = new ArrayList<>(9);
        h.add(Map.entry("Content-Type", "application/json"));
        h.add(Map.entry("X-Event-Id", call.eventId()));
        h.add(Map.entry("X-Event-Type", call.eventType()));
        h.add(Map.entry("X-Worker-Id", workerId));
        if (authToken != null) {
            h.add(Map.entry("Authorization", "Bearer " + authToken));
        }
        if (signer != null) {
            long timestamp = clock.instant().getEpochSecond();
            h.add(Map.entry("webhook-id", call.eventId()));
            h.add(Map.entry("webhook-timestamp", Long.toString(timestamp)));
            h.add(Map.entry("webhook-signature", signer.sign(call.eventId(), timestamp, call.body())));
        }
        return h;
    }

    private static Duration retryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: ignored, our own backoff applies
        }
    }
}
