package com.wagateway.worker.relay;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): {@code webhook-signature: v1,<base64 HMAC-SHA256 over
 * "<webhook-id>.<webhook-timestamp>.<body>">}. A secret starting with {@code whsec_} carries its key as base64 after
 * the prefix (the spec's format); any other secret is used as UTF-8 bytes. docs/webhooks.md shows the verification.
 */
public final class WebhookSigner {

    static final String PREFIX = "whsec_";

    private final byte[] key;

    public WebhookSigner(String secret) {
        String s = secret.strip();
        this.key = s.startsWith(PREFIX) ? Base64.getDecoder().decode(s.substring(PREFIX.length()))
                : s.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0) {
            throw new IllegalArgumentException("WEBHOOK_SIGNING_SECRET has no key bytes");
        }
    }

    /** The {@code webhook-signature} value for one call. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
