package com.wagateway.worker.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads one topic from the beginning, every partition (assigned, no consumer group: every worker keeps the
 * whole read model), and hands each record to {@link #apply}. Read models build on it.
 *
 * <p>{@link #catchUp()} is the read-your-writes barrier: it completes once this reader has consumed up to the
 * end offsets the topic had when it was called.
 */
public abstract class TopicTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

    private final KafkaClients clients;
    private final String topic;
    private final String purpose;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<Void>> barrierRequests = new ConcurrentLinkedQueue<>();
    private final List<Barrier> barriers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> initialLoad = new CompletableFuture<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    protected TopicTail(KafkaClients clients, String topic, String purpose) {
        this.clients = clients;
        this.topic = topic;
        this.purpose = purpose;
    }

    /** Called on the reader's thread, in offset order per partition. A null value is a tombstone. */
    protected abstract void apply(ConsumerRecord<String, byte[]> record);

    /** Completes when everything on the topic at the time of the call has been applied. */
    public CompletableFuture<Void> catchUp() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        barrierRequests.add(f);
        return f;
    }

    /** Completes once the records present at start-up have been applied. */
    public CompletableFuture<Void> initialLoad() {
        return initialLoad;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        catchUp().thenRun(() -> initialLoad.complete(null));
        thread = Thread.ofPlatform().name("wa-tail-" + purpose).daemon().start(this::run);
        // answer reads from a complete model: a restarted worker must not say 404 for a session it merely hasn't read yet
        try {
            initialLoad.get(30, java.util.concurrent.TimeUnit.SECONDS);
            log.info("read model loaded topic={}", topic);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("read model not loaded after 30s, continuing topic={}", topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("read model initial load failed topic={}", topic, e);
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Read models start before the engine (which waits on them) and the web server. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = clients.consumer(purpose, new ByteArrayDeserializer(), Map.of())) {
            consumer = c;
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            log.info("read model started topic={} partitions={}", topic, partitions.size());
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, byte[]> record : records) {
                    try {
                        apply(record);
                    } catch (RuntimeException e) {
                        log.error("read model could not apply record topic={} partition={} offset={} sessionId={}",
                                topic, record.partition(), record.offset(), record.key(), e);
                    }
                }
                updatePositions(c, partitions);
                serveBarriers(c, partitions);
            }
        } catch (WakeupException e) {
            // stop() asked us to leave
        } catch (RuntimeException e) {
            log.error("read model stopped on error topic={}", topic, e);
        } finally {
            consumer = null;
            barriers.forEach(b -> b.future.cancel(false));
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            log.warn("read model waiting for topic topic={}", topic);
        }
        throw new WakeupException();
    }

    private void updatePositions(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            try {
                positions.put(tp, c.position(tp, Duration.ZERO));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // not known yet (no fetch answered); next round
            }
        }
    }

    private void serveBarriers(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        CompletableFuture<Void> request;
        while ((request = barrierRequests.poll()) != null) {
            try {
                barriers.add(new Barrier(c.endOffsets(partitions, Duration.ofSeconds(5)), request));
            } catch (RuntimeException e) {
                barrierRequests.add(request); // broker unreachable: ask again next round
                break;
            }
        }
        for (Barrier b : barriers) {
            boolean reached = b.targets.entrySet().stream()
                    .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (reached) {
                b.future.complete(null);
                barriers.remove(b);
            }
        }
    }

    private record Barrier(Map<TopicPartition, Long> targets, CompletableFuture<Void> future) {}
}
