package com.wagateway.worker.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret the Backend presents as {@code Authorization: Bearer <token>}.
 * <p>
 * Only its SHA-256 is kept. A presented token is hashed too and the two 32-byte digests are compared with
 * {@link MessageDigest#isEqual}, which does not stop at the first differing byte: the time taken depends neither on
 * how much of the token a guess got right nor on the guess's length (hashing first removes the length from the
 * comparison; hashing time grows with the guess's length, which tells an attacker only what they sent).
 */
public final class BearerToken {

    private final byte[] digest;
    private final boolean generated;

    private BearerToken(String token, boolean generated) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("token must not be empty");
        }
        this.digest = sha256(token);
        this.generated = generated;
    }

    public static BearerToken configured(String token) {
        return new BearerToken(token, false);
    }

    public static BearerToken generated(String token) {
        return new BearerToken(token, true);
    }

    /** True when this run made the token up because none was configured. */
    public boolean generated() {
        return generated;
    }

    /** Constant-time check of a presented token; null never matches. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]"; // never let a log line or a debugger view print it
    }
}
