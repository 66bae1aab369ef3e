package com.wagateway.worker.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assigned partition's events, settled strictly one after the other on a virtual thread (so one session's
 * events, which share a partition, reach the Backend in order). The consumer thread hands records in and reads
 * {@link #committable()}: the offset after the last settled record, never beyond it.
 */
final class PartitionLane {

    private static final Logger log = LoggerFactory.getLogger(PartitionLane.class);

    private final TopicPartition partition;
    private final EventForwarder forwarder;
    private final LinkedBlockingQueue<ConsumerRecord<String, byte[]>> queue = new LinkedBlockingQueue<>();
    /** Records handed in and not yet settled (queued plus the one in hand). */
    private final AtomicInteger pending = new AtomicInteger();
    private final Thread thread;
    private volatile long committable = -1;
    private volatile boolean retrying;
    private volatile boolean closed;

    PartitionLane(TopicPartition partition, EventForwarder forwarder) {
        this.partition = partition;
        this.forwarder = forwarder;
        this.thread = Thread.ofVirtual().name("wa-relay-" + partition).start(this::run);
    }

    void add(List<ConsumerRecord<String, byte[]>> records) {
        pending.addAndGet(records.size());
        queue.addAll(records);
    }

    int pending() {
        return pending.get();
    }

    /** True while the head event waits for its next call: the consumer pauses the partition meanwhile. */
    boolean retrying() {
        return retrying;
    }

    /** Offset to commit (the next one to read), or -1 when nothing was settled since the lane started. */
    long committable() {
        return committable;
    }

    /** Stops after the record in hand is interrupted; what was not settled stays uncommitted and is read again. */
    void close() {
        interrupt();
        awaitStopped(System.nanoTime() + Duration.ofSeconds(10).toNanos());
    }

    /** First half of {@link #close()}: asks the lane to stop without waiting (so many lanes stop together). */
    void interrupt() {
        closed = true;
        thread.interrupt();
    }

    /** Second half of {@link #close()}: waits for the lane until the shared {@code deadlineNanos} (nanoTime). */
    boolean awaitStopped(long deadlineNanos) {
        try {
            long left = Math.max(0, deadlineNanos - System.nanoTime());
            if (!thread.join(Duration.ofNanos(Math.max(1_000_000, left)))) {
                log.warn("relay lane did not stop in time partition={}", partition);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        try {
            while (!closed) {
                ConsumerRecord<String, byte[]> record = queue.take();
                settle(record);
                committable = record.offset() + 1;
                pending.decrementAndGet();
            }
        } catch (InterruptedException e) {
            // closing: the record in hand is not settled and not committed
        }
    }

    private void settle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        while (true) {
            try {
                forwarder.settle(record, r -> retrying = r);
                return;
            } catch (RuntimeException e) {
                // a bug rather than a delivery failure: the record is neither skipped nor lost; try again shortly
                retrying = true;
                log.error("relay could not settle event, retrying partition={} offset={} sessionId={}", partition,
                        record.offset(), record.key(), e);
                Thread.sleep(1000);
                retrying = false;
            }
        }
    }
}
