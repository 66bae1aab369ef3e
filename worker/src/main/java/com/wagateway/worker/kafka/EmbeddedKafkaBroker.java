package com.wagateway.worker.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (broker and controller in one process) for running the worker without a cluster.
 *
 * <p>Uses Kafka's internal {@code KafkaRaftServer}/{@code Formatter} API (see toolchain notes §3), pinned by
 * {@code kafka.version}; keep this class the only place that touches it. The log directory is formatted once
 * and reused, so topics, committed offsets and the compacted session state survive a restart. Ports are
 * picked on loopback when 0 and kept for the lifetime of the object, so {@link #stop()} then {@link #start()}
 * brings the broker back at the same address.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";

    private final Path dataDir;
    private int brokerPort;
    private int controllerPort;
    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(Path dataDir, int brokerPort, int controllerPort) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            if (brokerPort == 0) {
                brokerPort = freePort();
            }
            if (controllerPort == 0) {
                controllerPort = freePort();
            }
            formatOnce();
            long started = System.nanoTime();
            KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
            s.startup();
            server = s;
            log.info("embedded kafka started bootstrap={} dataDir={} tookMs={}", bootstrapServers(), dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded kafka could not start dataDir=" + dataDir, e);
        }
    }

    /** Stops the broker and waits until it has released its log directory; {@link #start()} may follow. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("embedded kafka stopped bootstrap={}", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean running() {
        return server != null;
    }

    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void formatOnce() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dataDir.toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setPrintStream(System.out)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("embedded kafka could not format dataDir=" + dataDir, e);
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        c.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", dataDir.toString());
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("auto.create.topics.enable", "false");
        // one node with a handful of compacted topics: the cleaner's default 128 MB buffer is wasted memory
        c.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return c;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
