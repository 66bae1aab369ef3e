package com.wagateway.worker.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One in-process broker (the main code's {@link EmbeddedKafkaBroker}) for the whole test JVM, started on first use
 * and stopped by a shutdown hook. Each Spring context gets its own topic prefix (and so its own consumer group),
 * session folder and media folder, so contexts never see each other's records or files.
 *
 * <p>With {@code -Dkafka.tests=testcontainers} (and a Docker engine) the shared broker is Testcontainers' Kafka
 * instead; tests that exercise the embedded broker itself (outage, restart) keep starting their own.
 */
public final class SharedKafka {

    private static String bootstrap;
    private static final List<Path> TEMP_DIRS = new CopyOnWriteArrayList<>();
    private static final List<EmbeddedKafkaBroker> BROKERS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            BROKERS.forEach(EmbeddedKafkaBroker::close);
            TEMP_DIRS.forEach(SharedKafka::deleteTree);
        }));
    }

    /** A broker a test class started for itself: stopped when the JVM exits, before the temp dirs go. */
    public static void stopAtExit(EmbeddedKafkaBroker b) {
        BROKERS.add(b);
    }

    private SharedKafka() {}

    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            if ("testcontainers".equals(System.getProperty("kafka.tests"))) {
                bootstrap = ContainerKafka.start();
            } else {
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Path.of(tempDir("wa-shared-kafka")), 0, 0).start();
                BROKERS.add(broker);
                bootstrap = broker.bootstrapServers();
            }
        }
        return bootstrap;
    }

    /** Points a context at the shared broker with fresh topics and folders. */
    public static void register(DynamicPropertyRegistry registry) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        registry.add("worker.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("worker.kafka.topic-prefix", () -> "t" + run + ".");
        registry.add("worker.kafka.partitions", () -> "4");
        registry.add("worker.session-storage-path", () -> tempDir("wa-sessions-" + run));
        registry.add("worker.media-storage-path", () -> tempDir("wa-media-" + run));
        registry.add("worker.history.data-dir", () -> tempDir("wa-history-" + run));
    }

    /** A temporary directory removed when the test JVM exits (after the brokers stopped). */
    public static String tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            TEMP_DIRS.add(dir);
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit
        }
    }
}
