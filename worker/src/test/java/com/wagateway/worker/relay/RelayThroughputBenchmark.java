package com.wagateway.worker.relay;

import com.sun.net.httpserver.HttpServer;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.KafkaEndpoint;
import com.wagateway.worker.kafka.SharedKafka;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Relay throughput and delivery latency, the real relay classes against a local HTTP stub on the in-process broker.
 * Not part of the test suite (the name does not end in Test); run it with
 * {@code ./mvnw -B -q -pl worker test -Dtest=RelayThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (sizes: {@code -Dbench.events=50000 -Dbench.sessions=1000 -Dbench.partitions=12 -Dbench.rate=3000
 * -Dbench.seconds=10}). Two phases, on fresh topics each:
 * <ol>
 *   <li>drain: a backlog of {@code bench.events} events is produced first, then the relay starts; events/s from its
 *       start to the last 2xx;</li>
 *   <li>steady: events produced at {@code bench.rate}/s for {@code bench.seconds} s while the relay runs; latency from
 *       each event's production to its arrival at the stub, p50/p99/max.</li>
 * </ol>
 */
class RelayThroughputBenchmark {

    static final int EVENTS = Integer.getInteger("bench.events", 50_000);
    static final int SESSIONS = Integer.getInteger("bench.sessions", 1_000);
    static final int PARTITIONS = Integer.getInteger("bench.partitions", 12);
    static final int RATE = Integer.getInteger("bench.rate", 3_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    static final AvroCodec<MessageEvent> CODEC = AvroCodec.of(MessageEvent.class);

    @Test
    void run() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        KafkaClients clients = new KafkaClients(new KafkaEndpoint(bootstrap, false), "bench");
        // without Spring nothing sets log levels: keep the relay's per-event DEBUG lines out of the measurement
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Stub stub = new Stub();
        try {
            drain(clients, stub);
            steady(clients, stub);
        } finally {
            stub.server.stop(0);
        }
    }

    private void drain(KafkaClients clients, Stub stub) throws Exception {
        RelayTopics topics = topics(clients, "drain");
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(clients)) {
            for (int i = 0; i < EVENTS; i++) {
                acks.add(producer.send(record(topics, "s-" + (i % SESSIONS), UUID.randomUUID().toString())));
            }
            producer.flush();
        }
        for (java.util.concurrent.Future<?> ack : acks) {
            ack.get(); // every event is on the topic before the relay starts
        }
        stub.reset(EVENTS);
        long start = System.nanoTime();
        WebhookRelay relay = relay(clients, topics, stub);
        relay.start();
        stub.awaitAll(Duration.ofMinutes(5));
        double seconds = (stub.lastAt.get() - start) / 1e9;
        relay.stop();
        System.out.printf("RELAY-BENCH drain events=%d sessions=%d partitions=%d seconds=%.2f eventsPerSecond=%.0f "
                        + "(includes consumer group join)%n", EVENTS, SESSIONS, PARTITIONS, seconds, EVENTS / seconds);
    }

    private void steady(KafkaClients clients, Stub stub) throws Exception {
        RelayTopics topics = topics(clients, "steady");
        int total = RATE * SECONDS;
        stub.reset(total);
        WebhookRelay relay = relay(clients, topics, stub);
        relay.start();
        Thread.sleep(4000); // group join (the broker's initial rebalance delay) before the clock starts
        Map<String, Long> producedAt = stub.producedAt;
        try (KafkaProducer<String, byte[]> producer = producer(clients)) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * (1e9 / RATE));
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String id = UUID.randomUUID().toString();
                producedAt.put(id, System.nanoTime());
                producer.send(record(topics, "s-" + (i % SESSIONS), id), (meta, error) -> {
                    if (error != null) {
                        System.out.println("RELAY-BENCH produce failed " + error);
                    }
                });
            }
        }
        stub.awaitAll(Duration.ofMinutes(2));
        relay.stop();
        long[] latencies = stub.latenciesMicros();
        Arrays.sort(latencies);
        System.out.printf("RELAY-BENCH steady rate=%d/s seconds=%d events=%d latencyMs p50=%.1f p99=%.1f max=%.1f%n",
                RATE, SECONDS, latencies.length, latencies[latencies.length / 2] / 1e3,
                latencies[(int) (latencies.length * 0.99)] / 1e3, latencies[latencies.length - 1] / 1e3);
    }

    private static WebhookRelay relay(KafkaClients clients, RelayTopics topics, Stub stub) {
        RelayProperties.Kind on = new RelayProperties.Kind(true, "/api/v1/webhooks/message-status");
        RelayProperties p = new RelayProperties(true, on, on, on, "", Duration.ofSeconds(1), Duration.ofMinutes(5), 2,
                0.5, Duration.ofHours(24), 3, Duration.ofSeconds(10), Duration.ofSeconds(30), 20, 50, 1000);
        RelayMetrics metrics = new RelayMetrics(new SimpleMeterRegistry());
        WebhookSender sender = new WebhookSender("http://127.0.0.1:" + stub.server.getAddress().getPort(), "bench-token",
                "bench", null, p.requestTimeout(), CircuitBreakerRegistry.ofDefaults(), Clock.systemUTC());
        EventForwarder forwarder = new EventForwarder(new WebhookMapper(p, topics.sessionEvents(), topics.messageEvents()),
                new WebhookDelivery(sender, RetryPolicy.of(p), metrics, Clock.systemUTC()),
                new DeadLetterPublisher(clients, topics.deadLetters()), metrics, Clock.systemUTC());
        return new WebhookRelay(clients, List.of(topics.sessionEvents(), topics.messageEvents()),
                topics.deadLetters() + "-group", forwarder, metrics, p.bufferPerPartition());
    }

    private static RelayTopics topics(KafkaClients clients, String phase) throws Exception {
        String prefix = "bench-" + phase + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        RelayTopics topics = new RelayTopics(prefix + "wa.session-events", prefix + "wa.message-events",
                prefix + "wa.webhooks.dlt");
        try (Admin admin = clients.admin("bench")) {
            admin.createTopics(List.of(new NewTopic(topics.sessionEvents(), PARTITIONS, (short) 1),
                    new NewTopic(topics.messageEvents(), PARTITIONS, (short) 1),
                    new NewTopic(topics.deadLetters(), PARTITIONS, (short) 1))).all().get();
            // wait until every partition has a leader, so the producers' first batches are not refused
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !ready(admin, topics.messageEvents())) {
                Thread.sleep(100);
            }
        }
        return topics;
    }

    /** Every partition has a leader; false also while the new topic is not yet known to the broker's metadata. */
    private static boolean ready(Admin admin, String topic) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .noneMatch(p -> p.leader() == null);
        } catch (java.util.concurrent.ExecutionException e) {
            return false; // UnknownTopicOrPartition right after creation: ask again
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaClients clients) {
        // not idempotent: on this busy embedded broker the idempotent producer now and then got stuck in
        // OUT_OF_ORDER_SEQUENCE retries until its batches expired (the benchmark's load, not the relay's)
        return clients.producer("bench", new ByteArraySerializer(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));
    }

    private static ProducerRecord<String, byte[]> record(RelayTopics topics, String sessionId, String eventId) {
        MessageEvent e = MessageEvent.newBuilder().setEventId(eventId).setSessionId(sessionId).setWorkerId("bench")
                .setOccurredAt(Instant.now()).setMessageId("m-" + eventId)
                .setPayload(MessageStatusChanged.newBuilder().setStatus("delivered").build()).build();
        return new ProducerRecord<>(topics.messageEvents(), sessionId, CODEC.encode(e));
    }

    /** The Backend: answers 200 at once, notes when each event id arrived (first arrival only). */
    static final class Stub {
        final HttpServer server;
        final Map<String, Long> producedAt = new ConcurrentHashMap<>();
        final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        final AtomicLong lastAt = new AtomicLong();
        volatile int expected;

        Stub() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            byte[] ok = "{\"success\":true}".getBytes();
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    long now = System.nanoTime();
                    String id = exchange.getRequestHeaders().getFirst("X-Event-Id");
                    if (id != null && arrivedAt.putIfAbsent(id, now) == null) {
                        lastAt.set(now);
                    }
                    exchange.sendResponseHeaders(200, ok.length);
                    exchange.getResponseBody().write(ok);
                }
            });
            server.start();
        }

        void reset(int expected) {
            producedAt.clear();
            arrivedAt.clear();
            this.expected = expected;
        }

        void awaitAll(Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (arrivedAt.size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + arrivedAt.size() + " of " + expected + " delivered");
                }
                Thread.sleep(5);
            }
        }

        long[] latenciesMicros() {
            List<Long> l = new ArrayList<>();
            producedAt.forEach((id, at) -> {
                Long arrived = arrivedAt.get(id);
                if (arrived != null) {
                    l.add((arrived - at) / 1000);
                }
            });
            return l.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
