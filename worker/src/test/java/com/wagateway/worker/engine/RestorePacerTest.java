package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestorePacerTest {

    @Test
    void startsNoMoreThanTheRateAfterTheFirstSecondsBurst() throws Exception {
        List<Long> at = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(60);
        try (RestorePacer pacer = new RestorePacer(20)) {
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                pacer.submit(() -> {
                    at.add(System.nanoTime() - start);
                    all.countDown();
                });
            }
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        }
        // a burst of one second's worth (20), then 20 per second: the 60th starts after about 2 s, not at once
        assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(19))).isLessThan(1000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(59))).isBetween(1700L, 4000L);
    }

    @Test
    void aRateOfZeroIsRefused() {
        assertThatThrownBy(() -> new RestorePacer(0)).hasMessageContaining("RESTORE_RATE");
    }
}
