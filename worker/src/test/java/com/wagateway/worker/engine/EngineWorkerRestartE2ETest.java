package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.WorkerApplication;
import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.DeleteSession;
import com.wagateway.worker.command.DisconnectSession;
import com.wagateway.worker.connector.ScriptedConnector;
import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.kafka.EmbeddedKafkaBroker;
import com.wagateway.worker.kafka.KafkaEndpoint;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker as it runs by default: no KAFKA_BOOTSTRAP_SERVERS, so it starts its own broker on its data dir.
 * Closing the worker stops the broker (after its clients); a new worker on the same data dir finds its sessions
 * in the state view at once, resumes the live ones, and still recognises commands it executed before.
 */
class EngineWorkerRestartE2ETest {

    @Test
    void aRestartedWorkerKeepsItsStateViewAndItsCommandMemory() throws Exception {
        Path kafkaDir = Path.of(SharedKafka.tempDir("wa-restart-kafka"));
        Path sessions = Path.of(SharedKafka.tempDir("wa-restart-sessions"));
        CreateSession create = new CreateSession(UUID.randomUUID().toString(), "restart-1", Instant.now(), "u-r", "Restart");

        String bootstrap;
        try (ConfigurableApplicationContext first = start(kafkaDir, sessions)) {
            assertThat(first.getBeansOfType(EmbeddedKafkaBroker.class)).hasSize(1);
            EmbeddedKafkaBroker broker = first.getBean(EmbeddedKafkaBroker.class);
            assertThat(broker.dataDir()).isEqualTo(kafkaDir.toAbsolutePath().normalize());
            bootstrap = first.getBean(KafkaEndpoint.class).bootstrapServers();
            assertThat(bootstrap).isEqualTo(broker.bootstrapServers());

            first.getBean(CommandGateway.class).submit(create);
            SessionDirectory directory = first.getBean(SessionDirectory.class);
            awaitStatus(directory, "restart-1", SessionStatus.QR_REQUIRED);
            first.getBean(ScriptedConnector.class).scan("restart-1", "+628111");
            awaitStatus(directory, "restart-1", SessionStatus.CONNECTED);
        }
        assertThat(listening(bootstrap)).as("the embedded broker stopped with the worker").isFalse();
        assertThat(Files.exists(kafkaDir.resolve("meta.properties"))).isTrue();

        try (ConfigurableApplicationContext second = start(kafkaDir, sessions)) {
            SessionDirectory directory = second.getBean(SessionDirectory.class);
            SessionView kept = directory.find("restart-1").orElseThrow(); // no wait: loaded before start-up finished
            assertThat(kept.userId()).isEqualTo("u-r");
            assertThat(kept.sessionName()).isEqualTo("Restart");
            assertThat(kept.phoneNumber()).isEqualTo("+628111");

            // it was live: the new worker reconnects it, with the credentials it kept (QR only from the double)
            ScriptedConnector whatsapp = second.getBean(ScriptedConnector.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> whatsapp.count("restart-1", "connect") == 1);

            CommandGateway gateway = second.getBean(CommandGateway.class);
            gateway.submit(new DisconnectSession(UUID.randomUUID().toString(), "restart-1", Instant.now()));
            awaitStatus(directory, "restart-1", SessionStatus.DISCONNECTED);
            // executed by the first worker: must not run again. Disconnected, a create that ran would reconnect.
            gateway.submit(create);
            gateway.submit(new DeleteSession(UUID.randomUUID().toString(), "restart-1", Instant.now())); // marker
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.find("restart-1").isEmpty());
            assertThat(whatsapp.calls("restart-1")).containsExactly("connect", "disconnect");
        }
    }

    private static ConfigurableApplicationContext start(Path kafkaDir, Path sessions) {
        // command-line arguments: they outrank application.yml (builder "properties" would not)
        return new SpringApplicationBuilder(WorkerApplication.class, ScriptedConnectorConfig.class)
                .run("--server.port=0", "--worker.id=restart-worker", "--worker.auth-token=restart-token-0123456789",
                        "--worker.kafka.bootstrap-servers=", "--worker.kafka.embedded-data-dir=" + kafkaDir,
                        "--worker.kafka.partitions=3", "--worker.session-storage-path=" + sessions,
                        "--worker.media-storage-path=" + sessions.resolveSibling(sessions.getFileName() + "-media"));
    }

    private static void awaitStatus(SessionDirectory directory, String sessionId, SessionStatus status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> directory.find(sessionId).map(v -> v.status() == status).orElse(false));
    }

    private static boolean listening(String hostPort) {
        String[] parts = hostPort.split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
