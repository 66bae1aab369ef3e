package com.wagateway.worker.kafka;

import java.time.Duration;
import java.util.HashMap;
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
    private static final long INITIAL_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

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

    /**
     * False (the default): read from the beginning, the read model is the whole topic. True: start at the end,
     * for readers that only wait for what is published from now on.
     */
    protected boolean fromLatest() {
        return false;
    }

    /** Called on the reader's thread, in offset order per partition. A null value is a tombstone. */
    protected abstract void apply(ConsumerRecord<String, byte[]> record);

    /**
     * Where to start reading partitions this reader has not read yet in this process (first start, or a new
     * partition); partitions not in the answer start at the beginning (or the end, see {@link #fromLatest}). A
     * read model that persists its progress answers its stored positions here. Called on the reader's thread
     * each time a consumer is (re)created; an exception costs that consumer (retried after the backoff).
     */
    protected Map<TopicPartition, Long> storedPositions(List<TopicPartition> partitions) {
        return Map.of();
    }

    /**
     * Applies one poll's records. By default each goes to {@link #apply}, a record it cannot read logged and
     * skipped. A read model that writes batches transactionally overrides this; an exception then means nothing of
     * the batch counts as applied: the reader is replaced after a backoff and reads the batch again.
     */
    protected void applyBatch(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                apply(record);
            } catch (RuntimeException e) {
                log.error("read model could not apply record, skipped topic={} partition={} offset={} sessionId={}",
                        topic, record.partition(), record.offset(), record.key(), e);
            }
        }
    }

    protected String topic() {
        return topic;
    }

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

    /**
     * Keeps a reader running until stopped. A failure outside {@link #apply} (the broker refusing a fetch, a
     * corrupt batch, a client bug) costs a new consumer after a backoff, not the read model: the new one resumes
     * after the last record applied. A record {@link #apply} cannot read is logged and skipped.
     */
    private void run() {
        Map<TopicPartition, Long> resumeAt = new HashMap<>();
        long backoffMs = INITIAL_BACKOFF_MS;
        try {
            while (running) {
                try {
                    consumeUntilStopped(resumeAt);
                } catch (WakeupException e) {
                    // stop() asked us to leave
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    log.error("read model reader failed, starting a new one in {}ms topic={}", backoffMs, topic, e);
                    try {
                        Thread.sleep(backoffMs);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
                }
            }
        } finally {
            consumer = null;
            barriers.forEach(b -> b.future.cancel(false));
        }
    }

    private void consumeUntilStopped(Map<TopicPartition, Long> resumeAt) {
        try (KafkaConsumer<String, byte[]> c = clients.consumer(purpose, new ByteArrayDeserializer(), Map.of())) {
            consumer = c;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            List<TopicPartition> fresh = new java.util.ArrayList<>(
                    partitions.stream().filter(tp -> !resumeAt.containsKey(tp)).toList());
            Map<TopicPartition, Long> stored = fresh.isEmpty() ? Map.of() : storedPositions(fresh);
            stored.forEach((tp, offset) -> {
                if (fresh.remove(tp)) {
                    c.seek(tp, offset);
                }
            });
            if (fromLatest()) {
                c.seekToEnd(fresh);
            } else {
                c.seekToBeginning(fresh);
            }
            resumeAt.forEach((tp, offset) -> {
                if (partitions.contains(tp)) {
                    c.seek(tp, offset);
                }
            });
            log.info("read model started topic={} partitions={} resumed={}", topic, partitions.size(), !resumeAt.isEmpty());
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    List<ConsumerRecord<String, byte[]>> batch = new java.util.ArrayList<>(records.count());
                    records.forEach(batch::add);
                    applyBatch(batch);
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        resumeAt.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    }
                }
                updatePositions(c, partitions);
                serveBarriers(c, partitions);
            }
        } finally {
            consumer = null;
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
