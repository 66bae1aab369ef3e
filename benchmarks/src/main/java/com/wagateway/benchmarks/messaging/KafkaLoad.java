package com.wagateway.benchmarks.messaging;

import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.SendMessageCommand;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends as another platform service would (docs/kafka-commands.md): a {@code CommandEnvelope} with a
 * {@code SendMessageCommand} produced to {@code wa.commands} (key = session id, Avro single-object encoding,
 * acks=all, idempotent), the outcome read from {@code wa.message-events}. At most {@code concurrency} messages are
 * outstanding (produced, no outcome yet). Latency: the wall-clock nanos from just before {@code send()} to the
 * moment this driver consumed the {@code sent} event; the second figure is produce → the event record's own Kafka
 * timestamp (when the worker produced it), which leaves out the driver's consumer poll.
 */
final class KafkaLoad implements AutoCloseable {

    private record Outstanding(SendPlan.Send send, long startNanos, long startMillis) {}

    private final String commandsTopic;
    private final String eventsTopic;
    private final int concurrency;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;

    KafkaLoad(String bootstrap, String topicPrefix, int concurrency) {
        // Avro refuses to instantiate generated classes outside the packages it trusts
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "com.wagateway.worker.avro");
        this.commandsTopic = topicPrefix + "wa.commands";
        this.eventsTopic = topicPrefix + "wa.message-events";
        this.concurrency = concurrency;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(p);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(c);
    }

    RunResult run(SendPlan plan, double seconds, int capacity) throws InterruptedException, IOException {
        Latencies consumed = new Latencies(capacity);
        Latencies recordTime = new Latencies(capacity);
        AtomicLong failed = new AtomicLong();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        Map<String, Outstanding> outstanding = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(concurrency);

        List<TopicPartition> partitions = consumer.partitionsFor(eventsTopic).stream()
                .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the first command is produced

        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        Thread producing = Thread.ofPlatform().name("kafka-load-producer").start(() -> {
            try {
                while (System.nanoTime() < deadline) {
                    if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    SendPlan.Send send = plan.next();
                    String messageId = newMessageId();
                    Instant now = Instant.now();
                    CommandEnvelope command = CommandEnvelope.newBuilder()
                            .setCommandId(UUID.randomUUID().toString())
                            .setSessionId(send.from().id())
                            .setWorkerId("bench-message-load")
                            .setIssuedAt(now)
                            .setNotAfter(now.plusSeconds(60))
                            .setPayload(SendMessageCommand.newBuilder().setMessageId(messageId).setTo(send.to())
                                    .setType("text").setText(send.text()).setMedia(null).build())
                            .build();
                    ByteBuffer encoded = CommandEnvelope.getEncoder().encode(command);
                    byte[] value = new byte[encoded.remaining()];
                    encoded.get(value);
                    outstanding.put(messageId, new Outstanding(send, System.nanoTime(), System.currentTimeMillis()));
                    producer.send(new ProducerRecord<>(commandsTopic, send.from().id(), value), (md, e) -> {
                        if (e != null && outstanding.remove(messageId) != null) {
                            fail(failed, errors, "produce: " + e);
                            slots.release();
                        }
                    });
                }
            } catch (Exception e) {
                fail(failed, errors, "producer loop: " + e);
            }
        });

        long drainUntil = Long.MAX_VALUE;
        while (true) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                MessageEvent event = MessageEvent.getDecoder().decode(r.value());
                Outstanding o = outstanding.get(event.getMessageId());
                if (o == null || !(event.getPayload() instanceof MessageStatusChanged change)) {
                    continue;
                }
                if (outstanding.remove(event.getMessageId()) == null) {
                    continue;
                }
                long now = System.nanoTime();
                switch (change.getStatus()) {
                    // statuses only move forward: if the receipt won, the first event is delivered (acked as well)
                    case "sent", "delivered", "read" -> {
                        consumed.record(now - o.startNanos());
                        recordTime.record(Math.max(0, r.timestamp() - o.startMillis()) * 1_000_000L);
                        plan.expect(o.send(), event.getMessageId());
                    }
                    default -> fail(failed, errors, change.getStatus() + ": " + change.getError());
                }
                slots.release();
            }
            if (!producing.isAlive()) {
                if (drainUntil == Long.MAX_VALUE) {
                    drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                }
                if (outstanding.isEmpty() || System.nanoTime() > drainUntil) {
                    break;
                }
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (!outstanding.isEmpty()) {
            fail(failed, errors, outstanding.size() + " commands without an outcome 60 s after the last produce");
            failed.addAndGet(outstanding.size() - 1);
            outstanding.clear();
        }
        return new RunResult("Kafka", consumed.count(), failed.get(), took, consumed, recordTime,
                "produce → sent event's record timestamp", errors);
    }

    private static String newMessageId() {
        byte[] b = new byte[9];
        ThreadLocalRandom.current().nextBytes(b);
        return "3EB0" + HexFormat.of().withUpperCase().formatHex(b);
    }

    private static void fail(AtomicLong failed, List<String> errors, String what) {
        failed.incrementAndGet();
        if (errors.size() < 5) {
            errors.add(what);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
