package com.wagateway.emulator.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.crypto.RandomSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** media_conn's upload tokens: random, accepted until their lifetime is over, unknown ones never. */
class MediaAuthTest {

    @Test
    void aTokenIsValidForItsLifetimeOnly() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        MediaAuth auth = new MediaAuth(RandomSource.secure(), clock, Duration.ofMinutes(10));
        String token = auth.issue();
        assertThat(token).isNotEqualTo(auth.issue()).matches("[A-Za-z0-9_-]{64}");
        assertThat(auth.valid(token)).isTrue();
        assertThat(auth.valid("forged")).isFalse();
        assertThat(auth.valid(null)).isFalse();
        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertThat(auth.valid(token)).isFalse();
    }
}
