package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.relay.BackendStub.Request;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A signed call, as the Backend receives it over HTTP, verifies with the recipe in docs/webhooks.md (written out
 * again below, independently of {@link WebhookSigner}); a changed body, id or timestamp, or another secret, does not.
 */
class WebhookSigningTest {

    static final BackendStub BACKEND = new BackendStub();

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    @Test
    void whsecSecretSignatureVerifiesWithTheDocumentedRecipe() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString("a-32-byte-key-for-hmac-sha256!!!".getBytes());
        Request r = sendSigned(secret);
        assertThat(r.header("webhook-id")).isEqualTo("evt-1").isEqualTo(r.header("X-Event-Id"));
        assertThat(r.header("webhook-signature")).startsWith("v1,");
        assertThat(verify(secret, r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature"))).isTrue();

        assertThat(verify(secret, r.header("webhook-id"), r.header("webhook-timestamp"), r.body() + " ",
                r.header("webhook-signature"))).as("body changed").isFalse();
        assertThat(verify(secret, "evt-2", r.header("webhook-timestamp"), r.body(), r.header("webhook-signature")))
                .as("id changed").isFalse();
        assertThat(verify(secret, r.header("webhook-id"), Long.toString(Long.parseLong(r.header("webhook-timestamp")) - 1),
                r.body(), r.header("webhook-signature"))).as("timestamp changed").isFalse();
        assertThat(verify("whsec_" + Base64.getEncoder().encodeToString("another-key".getBytes()), r.header("webhook-id"),
                r.header("webhook-timestamp"), r.body(), r.header("webhook-signature"))).as("other secret").isFalse();
    }

    @Test
    void plainSecretIsUsedAsUtf8Bytes() throws Exception {
        Request r = sendSigned("plain-shared-secret");
        assertThat(verify("plain-shared-secret", r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature"))).isTrue();
    }

    @Test
    void noSecretNoSignatureHeaders() throws Exception {
        WebhookSender sender = new WebhookSender(BACKEND.url(), "tok", "w1", null, Duration.ofSeconds(5),
                CircuitBreakerRegistry.ofDefaults(), Clock.systemUTC());
        BACKEND.clear();
        sender.send(call());
        Request r = BACKEND.requests().getFirst();
        assertThat(r.header("webhook-signature")).isNull();
        assertThat(r.header("X-Event-Id")).isEqualTo("evt-1");
        assertThat(r.header("X-Event-Type")).isEqualTo("message.status_changed");
        assertThat(r.header("X-Worker-Id")).isEqualTo("w1");
        assertThat(r.header("Authorization")).isEqualTo("Bearer tok");
    }

    private static Request sendSigned(String secret) throws Exception {
        WebhookSender sender = new WebhookSender(BACKEND.url(), "tok", "w1", new WebhookSigner(secret),
                Duration.ofSeconds(5), CircuitBreakerRegistry.ofDefaults(), Clock.systemUTC());
        BACKEND.clear();
        assertThat(sender.send(call()).outcome()).isEqualTo(AttemptOutcome.DELIVERED);
        return BACKEND.requests().getFirst();
    }

    private static WebhookCall call() {
        return new WebhookCall(WebhookKind.MESSAGE_STATUS, "/api/v1/webhooks/message-status", "evt-1",
                "message.status_changed", "s1", Instant.now(),
                "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"status\":\"read\",\"timestamp\":\"2026-11-26T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The receiver's recipe from docs/webhooks.md, "Verifying a signature". */
    static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader)
            throws Exception {
        long ts = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
            return false; // replayed or clock far off
        }
        byte[] key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String entry : signatureHeader.split(" ")) {
            String[] parts = entry.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), expected)) {
                return true;
            }
        }
        return false;
    }
}
