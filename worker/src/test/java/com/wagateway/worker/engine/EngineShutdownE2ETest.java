package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CreateSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stopping the engine while commands hang in WhatsApp (connect blocked) on several partitions: the wait for them is
 * one deadline for all partitions, not one per partition, and the consumer thread cannot keep the JVM alive.
 */
class EngineShutdownE2ETest extends E2ESupport {

    @Autowired
    CommandGateway gateway;

    @Autowired
    CommandConsumer consumer;

    @Test
    void stopWaitsOnceForStuckCommandsOnSeveralPartitionsAndTheConsumerThreadIsADaemon() throws Exception {
        Thread consumerThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("wa-engine-consumer")).findFirst().orElseThrow();
        assertThat(consumerThread.isDaemon()).as("a stuck command must not keep the JVM alive").isTrue();

        // one session on each of three partitions (4 partitions in tests), each stuck in connect
        List<String> stuck = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; stuck.size() < 3; i++) {
            String id = "stuck-" + i;
            if (partitions.add(SessionEngine.partitionOf(id, 4))) {
                stuck.add(id);
            }
        }
        whatsapp.holdConnects();
        try {
            for (String id : stuck) {
                gateway.submit(new CreateSession(UUID.randomUUID().toString(), id, Instant.now(), "u", "n"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> stuck.stream()
                    .allMatch(id -> directory.find(id).isPresent()));

            long started = System.nanoTime();
            consumer.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).as("one grace period for all partitions (was 10 s per partition)")
                    .isLessThan(CommandConsumer.SHUTDOWN_GRACE.plusSeconds(6));
            assertThat(consumer.isRunning()).isFalse();
        } finally {
            whatsapp.releaseConnects();
        }
    }
}
