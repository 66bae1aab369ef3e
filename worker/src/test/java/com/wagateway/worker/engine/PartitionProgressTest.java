package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    @Test
    void commitsOnlyUpToTheLowestOffsetStillRunning() {
        PartitionProgress p = new PartitionProgress();
        p.track(10);
        p.track(11);
        p.track(12);
        p.done(11);
        p.done(12);
        assertThat(p.committable()).isEqualTo(OptionalLong.of(10)); // 10 still runs: nothing past it
        p.committed(10);
        assertThat(p.committable()).isEmpty();
        p.done(10);
        assertThat(p.committable()).isEqualTo(OptionalLong.of(13));
    }

    @Test
    void awaitIdleWaitsForRunningCommands() throws Exception {
        PartitionProgress p = new PartitionProgress();
        p.track(1);
        assertThat(p.awaitIdle(Duration.ofMillis(50))).isFalse();
        Thread.ofVirtual().start(() -> {
            sleep();
            p.done(1);
        });
        assertThat(p.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
