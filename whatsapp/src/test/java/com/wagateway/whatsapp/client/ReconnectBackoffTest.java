package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void growsExponentiallyUpToTheCapWithoutJitter() {
        ReconnectPolicy p = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.0, 5,
                Duration.ofMinutes(1));
        RandomSource r = new FixedRandom("b");
        assertThat(ReconnectBackoff.delay(p, 1, r)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ReconnectBackoff.delay(p, 2, r)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReconnectBackoff.delay(p, 4, r)).isEqualTo(Duration.ofSeconds(8));
        assertThat(ReconnectBackoff.delay(p, 5, r)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ReconnectBackoff.delay(p, 60, r)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterOnlyShortensAndSpreads() {
        ReconnectPolicy p = new ReconnectPolicy(Duration.ofSeconds(10), Duration.ofSeconds(10), 2.0, 0.5, 5,
                Duration.ofMinutes(1));
        RandomSource r = RandomSource.secure();
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = ReconnectBackoff.delay(p, 1, r);
            assertThat(d).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            seen.add(d);
        }
        assertThat(seen.size()).isGreaterThan(50);
    }
}
