package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Closing the relay's lanes: all are interrupted at once and waited for against one deadline, not one by one. */
class RelayLanesTest {

    static final long STUCK_MILLIS = 1500;

    @Test
    void lanesStopTogetherNotOneAfterTheOther() throws Exception {
        int count = 6;
        CountDownLatch busy = new CountDownLatch(count);
        EventForwarder slow = mock(EventForwarder.class);
        // a call that takes 1.5 s to give up once interrupted (as a socket write may)
        doAnswer(inv -> {
            busy.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);
                while (System.nanoTime() < until) {
                    try {
                        Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
                    } catch (InterruptedException ignored) {
                        // still stuck
                    }
                }
                throw e;
            }
            return null;
        }).when(slow).settle(any(), any());
        List<PartitionLane> lanes = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            PartitionLane lane = new PartitionLane(new TopicPartition("t", p), slow);
            lane.add(List.of(new ConsumerRecord<>("t", p, 0L, "s", new byte[0])));
            lanes.add(lane);
        }
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        WebhookRelay.closeAll(lanes, Duration.ofSeconds(10));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // one after the other it would take count × 1.5 s = 9 s
        assertThat(took).isLessThan(STUCK_MILLIS * 2);
        assertThat(lanes).allSatisfy(l -> assertThat(l.committable()).as("nothing settled").isEqualTo(-1));
    }
}
