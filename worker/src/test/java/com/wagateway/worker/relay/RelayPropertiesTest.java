package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The relay's settings are checked at start-up; each error names the environment variable to fix. */
class RelayPropertiesTest {

    static final RelayProperties.Kind ON = new RelayProperties.Kind(true, "/hook");

    @Test
    void theBufferPerPartitionIsAtLeastOne() {
        assertThatThrownBy(() -> props(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.5, 3, 0))
                .hasMessageContaining("WEBHOOK_BUFFER_PER_PARTITION");
        props(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.5, 3, 1);
    }

    @Test
    void clientErrorAttemptsAreAtLeastOne() {
        assertThatThrownBy(() -> props(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.5, 0, 1000))
                .hasMessageContaining("WEBHOOK_CLIENT_ERROR_ATTEMPTS");
    }

    @Test
    void theInitialBackoffIsPositiveAndNotLongerThanTheMax() {
        assertThatThrownBy(() -> props(Duration.ofMinutes(10), Duration.ofMinutes(5), 0.5, 3, 1000))
                .hasMessageContaining("WEBHOOK_BACKOFF_INITIAL").hasMessageContaining("WEBHOOK_BACKOFF_MAX");
        assertThatThrownBy(() -> props(Duration.ZERO, Duration.ofMinutes(5), 0.5, 3, 1000))
                .hasMessageContaining("WEBHOOK_BACKOFF_INITIAL");
        props(Duration.ofMinutes(5), Duration.ofMinutes(5), 0.5, 3, 1000);
    }

    @Test
    void theJitterIsBetweenZeroAndOne() {
        assertThatThrownBy(() -> props(Duration.ofSeconds(1), Duration.ofMinutes(5), 1.5, 3, 1000))
                .hasMessageContaining("WEBHOOK_BACKOFF_JITTER");
        assertThatThrownBy(() -> props(Duration.ofSeconds(1), Duration.ofMinutes(5), -0.1, 3, 1000))
                .hasMessageContaining("WEBHOOK_BACKOFF_JITTER");
        props(Duration.ofSeconds(1), Duration.ofMinutes(5), 0, 3, 1000);
        props(Duration.ofSeconds(1), Duration.ofMinutes(5), 1, 3, 1000);
    }

    private static RelayProperties props(Duration initial, Duration max, double jitter, int clientErrorAttempts,
                                         int buffer) {
        return new RelayProperties(true, ON, ON, ON, "", initial, max, 2, jitter, Duration.ofHours(24),
                clientErrorAttempts, Duration.ofSeconds(10), Duration.ofSeconds(30), 20, 50, buffer);
    }
}
