package com.wagateway.worker.backend;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Backend link's settings are checked at start-up; the error names the environment variable. */
class BackendLinkPropertiesTest {

    @Test
    void theHeartbeatIntervalIsPositive() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> new BackendLinkProperties(bad, "", Duration.ofSeconds(1), Duration.ofSeconds(60),
                    Duration.ofSeconds(10))).hasMessageContaining("HEARTBEAT_INTERVAL");
        }
        new BackendLinkProperties(Duration.ofSeconds(30), "", Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(10));
    }
}
