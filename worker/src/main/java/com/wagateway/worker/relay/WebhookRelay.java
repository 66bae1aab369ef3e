package com.wagateway.worker.relay;

import com.wagateway.worker.kafka.KafkaClients;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The outbox publisher: its own consumer group over {@code wa.session-events} and {@code wa.message-events}. The
 * consumer thread only fetches, hands records to one {@link PartitionLane} per partition and commits; lanes settle
 * their events one by one. An offset is committed only up to the last settled event (delivered with 2xx or parked
 * in the dead-letter topic), so a crash re-sends rather than loses (at-least-once; duplicates share the event id).
 * A partition is paused while its head event waits for a retry, or when enough is fetched ahead, and resumed after;
 * other partitions go on meanwhile and the consumer keeps polling (group membership stays alive).
 */
public final class WebhookRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookRelay.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long LAG_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long RESTART_INITIAL_MILLIS = 500;
    private static final long RESTART_MAX_MILLIS = 30_000;
    private static final Duration LANES_STOP = Duration.ofSeconds(10);

    private final KafkaClients clients;
    private final List<String> topics;
    private final String groupId;
    private final EventForwarder forwarder;
    private final RelayMetrics metrics;
    private final int buffer;
    private final Map<TopicPartition, PartitionLane> lanes = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private long lastLag;
    /** Test seam: runs before each poll (a test makes it throw to fail the consumer). */
    volatile Runnable beforePoll;
    private volatile boolean crashed;

    public WebhookRelay(KafkaClients clients, List<String> topics, String groupId, EventForwarder forwarder,
                        RelayMetrics metrics, int bufferPerPartition) {
        this.clients = clients;
        this.topics = topics;
        this.groupId = groupId;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.buffer = bufferPerPartition;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("wa-relay").daemon().start(this::run);
        log.info("webhook relay started group={} topics={}", groupId, topics);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("webhook relay stopped group={}", groupId);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the read models and engine: it starts last and stops first. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1024;
    }

    /** Keeps a consumer running until stopped; an unexpected failure costs a new consumer (resuming from the
     * committed offsets), not the relay. */
    private void run() {
        long backoff = RESTART_INITIAL_MILLIS;
        while (running) {
            long startedAt = System.nanoTime();
            try {
                consumeUntilStopped();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (System.nanoTime() - startedAt > Duration.ofMinutes(1).toNanos()) {
                    backoff = RESTART_INITIAL_MILLIS;
                }
                log.error("webhook relay consumer failed, starting a new one in {}ms group={}", backoff, groupId, e);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, RESTART_MAX_MILLIS);
            }
        }
    }

    private void consumeUntilStopped() {
        Map<String, Object> overrides = Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        KafkaConsumer<String, byte[]> c = clients.consumer("webhook-relay", new ByteArrayDeserializer(), overrides);
        consumer = c;
        boolean failed = true;
        try {
            c.subscribe(topics, new Rebalance(c));
            while (running) {
                Runnable hook = beforePoll;
                if (hook != null) {
                    hook.run();
                }
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    lanes.computeIfAbsent(tp, p -> new PartitionLane(p, forwarder)).add(records.records(tp));
                }
                flowControl(c);
                commit(c, lanes.keySet(), false);
                reportLag(c);
            }
            failed = false;
        } catch (WakeupException e) {
            // stop() asked us to leave
            failed = false;
        } finally {
            // lanes first (the event in hand stays unsettled), then commit what was settled, then leave the group
            closeLanes(lanes.keySet());
            boolean crash = crashed;
            if (!crash) {
                finalCommit(c);
            }
            lanes.clear();
            committed.clear();
            consumer = null;
            c.close(crash ? Duration.ZERO : Duration.ofSeconds(failed ? 1 : 10));
        }
    }

    /**
     * Test seam: a crash of the relay: its lanes are interrupted, nothing more is committed and the consumer is closed
     * at once; the events it delivered since its last commit are read again by the next instance.
     */
    void crashForTest() {
        synchronized (this) {
            crashed = true;
        }
        stop();
        crashed = false;
    }

    private void finalCommit(KafkaConsumer<String, byte[]> c) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                commit(c, lanes.keySet(), true);
                return;
            } catch (WakeupException e) {
                // the wakeup of stop() was still pending: the second attempt runs without it
            } catch (RuntimeException e) {
                log.warn("relay final commit failed group={} cause=\"{}\"", groupId, e.toString());
                return;
            }
        }
    }

    /** Pause a partition while its head is being retried or enough is fetched ahead; resume it otherwise. */
    private void flowControl(KafkaConsumer<String, byte[]> c) {
        Set<TopicPartition> paused = c.paused();
        Set<TopicPartition> pause = new HashSet<>();
        Set<TopicPartition> resume = new HashSet<>();
        for (Map.Entry<TopicPartition, PartitionLane> e : lanes.entrySet()) {
            PartitionLane lane = e.getValue();
            boolean hold = lane.retrying() || lane.pending() >= buffer;
            if (hold && !paused.contains(e.getKey())) {
                pause.add(e.getKey());
            } else if (!hold && paused.contains(e.getKey())) {
                resume.add(e.getKey());
            }
        }
        if (!pause.isEmpty()) {
            c.pause(pause);
        }
        if (!resume.isEmpty()) {
            c.resume(resume);
        }
    }

    private void commit(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionLane lane = lanes.get(tp);
            long next = lane == null ? -1 : lane.committable();
            if (next >= 0 && !Long.valueOf(next).equals(committed.get(tp))) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            c.commitSync(offsets, Duration.ofSeconds(10));
            offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        } else {
            c.commitAsync(offsets, (done, error) -> {
                if (error == null) {
                    done.forEach((tp, o) -> committed.put(tp, o.offset()));
                } else {
                    log.debug("relay commit failed, next round retries cause=\"{}\"", error.toString());
                }
            });
        }
    }

    /** Lag = events after the consumer's position on the log + those fetched and not yet settled. */
    private void reportLag(KafkaConsumer<String, byte[]> c) {
        long now = System.nanoTime();
        if (now - lastLag < LAG_EVERY_NANOS) {
            return;
        }
        lastLag = now;
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (TopicPartition tp : c.assignment()) {
            PartitionLane lane = lanes.get(tp);
            long fetched = lane == null ? 0 : lane.pending();
            lag.put(tp, c.currentLag(tp).orElse(0) + fetched);
        }
        metrics.lag(lag);
    }

    private void closeLanes(Collection<TopicPartition> partitions) {
        closeAll(List.copyOf(partitions).stream().map(lanes::get).filter(java.util.Objects::nonNull).toList(),
                LANES_STOP);
    }

    /**
     * Interrupts all the lanes first, then waits for them against one shared deadline: 24 lanes stop within
     * {@code within} together, not one after the other (which could outlast {@link #stop()}'s wait).
     */
    static void closeAll(List<PartitionLane> closing, Duration within) {
        closing.forEach(PartitionLane::interrupt);
        long deadline = System.nanoTime() + within.toNanos();
        closing.forEach(lane -> lane.awaitStopped(deadline));
    }

    /** Revoked partitions: stop their lanes, commit what they settled, forget them. Lost ones: no commit. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            closeLanes(partitions);
            try {
                commit(c, partitions, true);
            } catch (RuntimeException e) {
                log.warn("relay commit on revocation failed partitions={} cause=\"{}\"", partitions, e.toString());
            }
            forget(partitions);
            log.info("relay partitions revoked partitions={}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            closeLanes(partitions);
            forget(partitions);
            log.warn("relay partitions lost partitions={}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.info("relay partitions assigned partitions={}", partitions);
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> {
                lanes.remove(tp);
                committed.remove(tp);
            });
        }
    }
}
