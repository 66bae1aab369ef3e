package com.wagateway.emulator.media;

import com.wagateway.whatsapp.crypto.RandomSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upload auth tokens {@code media_conn} hands out (fact sheet §11.1): random, valid for {@link #lifetime()},
 * checked on every upload. Expired tokens are forgotten as new ones are issued.
 */
public final class MediaAuth {

    private final RandomSource random;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    public MediaAuth(RandomSource random, Clock clock, Duration lifetime) {
        this.random = random;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue() {
        Instant now = clock.instant();
        tokens.values().removeIf(expiry -> !expiry.isAfter(now));
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(48));
        tokens.put(token, now.plus(lifetime));
        return token;
    }

    public boolean valid(String token) {
        Instant expiry = token == null ? null : tokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }
}
