package com.wagateway.worker.engine;

import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.command.CommandCodec;
import com.wagateway.worker.command.InvalidSendCommandException;
import com.wagateway.worker.command.SessionCommand;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The engine's consumer group over {@code wa.commands}: cooperative-sticky assignment, static membership
 * ({@code group.instance.id} = WORKER_ID, so a restarting worker gets its partitions back without a rebalance).
 *
 * <p>Records are handed to {@link SessionEngine} (one mailbox per session) and an offset is committed only when
 * every record before it in its partition has executed ({@link PartitionProgress}): at-least-once delivery, made
 * effectively-once by the engine's dedupe ({@link AppliedCommands}). Before the engine takes on a newly assigned
 * partition, the session-state view is caught up to the end of {@code wa.session-state}, so the dedupe memory and
 * state the previous owner published are known.
 */
public final class CommandConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommandConsumer.class);
    private static final AvroCodec<CommandEnvelope> COMMANDS = AvroCodec.of(CommandEnvelope.class);
    private static final int MAX_IN_FLIGHT = 10_000;
    /** How long stop() lets running commands finish, all partitions together (one deadline, not one each). */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);
    /** On top of the grace: the final offset commit (two attempts of 5 s at most) and closing the consumer. */
    private static final Duration SHUTDOWN_COMMIT = Duration.ofSeconds(12);

    private final KafkaClients clients;
    private final String topic;
    private final String groupId;
    private final SessionEngine engine;
    private final TopicTail stateTail;
    private final Supplier<Collection<SessionSnapshot>> knownSessions;
    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile int partitionCount;
    /** System.nanoTime() by which running commands must have finished once stop() was called. */
    private volatile long shutdownDeadline;
    private Thread thread;

    public CommandConsumer(KafkaClients clients, String topic, String groupId, SessionEngine engine,
                           TopicTail stateTail, Supplier<Collection<SessionSnapshot>> knownSessions) {
        this.clients = clients;
        this.topic = topic;
        this.groupId = groupId;
        this.engine = engine;
        this.stateTail = stateTail;
        this.knownSessions = knownSessions;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // daemon: a command stuck in WhatsApp must not keep the JVM alive after the context closed
        thread = Thread.ofPlatform().name("wa-engine-consumer").daemon().start(this::run);
    }

    @Override
    public void stop() {
        shutdownDeadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                if (!t.join(SHUTDOWN_GRACE.plus(SHUTDOWN_COMMIT))) {
                    log.warn("engine consumer did not stop in time, leaving it (daemon thread) topic={}", topic);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the read models (it waits on the state view), before the web server takes requests. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 3072;
    }

    /** Keeps a consumer running until stopped; an unexpected failure costs a new consumer, not the engine. */
    private void run() {
        while (running) {
            try {
                consumeUntilStopped();
            } catch (RuntimeException e) {
                log.error("engine consumer failed, starting a new one in 1s topic={}", topic, e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void consumeUntilStopped() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, clients.workerId());
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);
        progress.clear();
        try (KafkaConsumer<String, byte[]> c = clients.consumer("engine", new ByteArrayDeserializer(), props)) {
            consumer = c;
            c.subscribe(List.of(topic), new Rebalance(c));
            log.info("engine consumer started topic={} groupId={} instanceId={}", topic, groupId, clients.workerId());
            try {
                pollLoop(c);
            } catch (WakeupException e) {
                // stop() asked us to leave
            }
            commitOnShutdown(c);
        } finally {
            consumer = null;
        }
    }

    private void pollLoop(KafkaConsumer<String, byte[]> c) {
        boolean paused = false;
        while (running) {
            ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(100));
            for (ConsumerRecord<String, byte[]> r : records) {
                dispatch(r);
            }
            commitAsync(c);
            int inFlight = progress.values().stream().mapToInt(PartitionProgress::inFlight).sum();
            if (!paused && inFlight > MAX_IN_FLIGHT) {
                c.pause(c.assignment());
                paused = true;
            } else if (paused && inFlight < MAX_IN_FLIGHT / 2) {
                c.resume(c.paused());
                paused = false;
            }
        }
    }

    /**
     * Waits (bounded) for running commands and commits what finished. Static membership: closing does not leave
     * the group, so a restarting worker gets the same partitions back at once; what did not finish is redelivered.
     */
    private void commitOnShutdown(KafkaConsumer<String, byte[]> c) {
        long deadline = shutdownDeadline != 0 ? shutdownDeadline : System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        for (Map.Entry<TopicPartition, PartitionProgress> e : progress.entrySet()) {
            try {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                if (!e.getValue().awaitIdle(left)) {
                    log.warn("stopping with commands still running, they will be redelivered partition={} inFlight={}",
                            e.getKey().partition(), e.getValue().inFlight());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(progress.keySet());
        for (int attempt = 0; attempt < 2 && !offsets.isEmpty(); attempt++) {
            try {
                c.commitSync(offsets, Duration.ofSeconds(5));
                log.info("offsets committed at shutdown topic={} partitions={}", topic, offsets.size());
                return;
            } catch (WakeupException e) {
                // a wakeup left over from stop(); try once more
            } catch (RuntimeException e) {
                log.warn("offset commit at shutdown failed topic={} reason=\"{}\"", topic, e.toString());
                return;
            }
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        PartitionProgress p = progress.computeIfAbsent(tp, k -> new PartitionProgress());
        p.track(r.offset());
        Runnable done = () -> p.done(r.offset());
        Instant appended = r.timestampType() == TimestampType.LOG_APPEND_TIME ? Instant.ofEpochMilli(r.timestamp()) : null;
        SessionCommand command;
        CommandEnvelope envelope;
        try {
            envelope = COMMANDS.decode(r.value());
            command = CommandCodec.fromAvro(envelope);
        } catch (InvalidSendCommandException e) {
            log.warn("send command invalid, answered failed partition={} offset={} sessionId={} commandId={} "
                    + "reason=\"{}\"", r.partition(), r.offset(), e.sessionId(), e.commandId(), e.reason());
            String session = r.key() != null ? r.key() : e.sessionId();
            if (session == null) {
                done.run();
            } else {
                engine.submitInvalidSend(session, e, new SessionEngine.Position(r.partition(), r.offset(), appended,
                        null), done);
            }
            return;
        } catch (RuntimeException e) {
            log.error("command undecodable partition={} offset={} sessionId={} reason=\"{}\"", r.partition(), r.offset(),
                    r.key(), e.toString());
            if (r.key() == null) {
                done.run();
            } else {
                engine.submitUndecodable(r.key(), new SessionEngine.Position(r.partition(), r.offset(), appended, null),
                        "command record could not be decoded: " + e.getClass().getSimpleName(), done);
            }
            return;
        }
        engine.submit(command, new SessionEngine.Position(r.partition(), r.offset(), appended, envelope.getNotAfter()), done);
    }

    private void commitAsync(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(progress.keySet());
        if (!offsets.isEmpty()) {
            c.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    log.warn("offset commit failed topic={} reason=\"{}\"", topic, error.toString());
                } else {
                    committed.forEach((tp, o) -> {
                        PartitionProgress p = progress.get(tp);
                        if (p != null) {
                            p.committed(o.offset());
                        }
                    });
                }
            });
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionProgress p = progress.get(tp);
            if (p != null) {
                OptionalLong o = p.committable();
                if (o.isPresent()) {
                    offsets.put(tp, new OffsetAndMetadata(o.getAsLong()));
                }
            }
        }
        return offsets;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            partitionCount = c.partitionsFor(topic).size();
            partitions.forEach(tp -> progress.put(tp, new PartitionProgress()));
            try {
                stateTail.catchUp().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("session state view not caught up before taking partitions partitions={} reason=\"{}\"",
                        partitions, e.toString());
            }
            List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
            log.info("partitions assigned topic={} partitions={}", topic, numbers);
            engine.resume(numbers, partitionCount, knownSessions.get());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            finish(partitions, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            finish(partitions, false);
        }

        /** Lets what runs finish (bounded), commits it when the partitions are still ours, then lets go. */
        private void finish(Collection<TopicPartition> partitions, boolean commit) {
            // for all partitions together, well inside max.poll.interval; when stopping (the consumer revokes on
            // close), whatever is left of stop()'s single deadline
            long deadline = running ? System.nanoTime() + Duration.ofSeconds(20).toNanos() : shutdownDeadline;
            for (TopicPartition tp : partitions) {
                PartitionProgress p = progress.get(tp);
                try {
                    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                    if (p != null && !p.awaitIdle(left)) {
                        log.warn("partition revoked with commands still running partition={} inFlight={}",
                                tp.partition(), p.inFlight());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (commit) {
                Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions);
                if (!offsets.isEmpty()) {
                    try {
                        c.commitSync(offsets, Duration.ofSeconds(10));
                    } catch (RuntimeException e) {
                        log.warn("offset commit on revoke failed partitions={} reason=\"{}\"", offsets.keySet(), e.toString());
                    }
                }
            }
            List<Integer> numbers = new ArrayList<>(partitions.stream().map(TopicPartition::partition).toList());
            if (running) {
                engine.release(numbers, partitionCount > 0 ? partitionCount : c.partitionsFor(topic).size());
            } // stopping: SessionEngine.close() closes every connection, bounded, when the context closes
            partitions.forEach(progress::remove);
            log.info("partitions {} topic={} partitions={}", commit ? "revoked" : "lost", topic, numbers);
        }
    }
}
