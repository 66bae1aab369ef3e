package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CommandRejectedException;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.LogoutSession;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.connector.ScriptedConnector;
import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.kafka.EmbeddedKafkaBroker;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka goes away and comes back. While it is away a new command is answered 503 (and never executed later);
 * commands accepted before the outage are all executed, in order, once it is back.
 * Uses a broker of its own, because it stops it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "worker.auth-token=" + EngineKafkaOutageE2ETest.TOKEN, "worker.id=outage-worker",
        "worker.command-ack-timeout=2s", "worker.kafka.partitions=2"})
@Import(ScriptedConnectorConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EngineKafkaOutageE2ETest {

    static final String TOKEN = "outage-token-0123456789";
    static EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        broker = new EmbeddedKafkaBroker(Path.of(SharedKafka.tempDir("wa-outage-kafka")), 0, 0).start();
        SharedKafka.stopAtExit(broker);
        registry.add("worker.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("worker.session-storage-path", () -> SharedKafka.tempDir("wa-outage-sessions"));
        registry.add("worker.media-storage-path", () -> SharedKafka.tempDir("wa-outage-media"));
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway gateway;

    @Autowired
    ScriptedConnector whatsapp;

    @Autowired
    SessionDirectory directory;

    @Test
    void unavailableKafkaAnswers503AndNothingAcceptedIsLost() throws Exception {
        RestCalls rest = new RestCalls(port, TOKEN);
        assertThat(rest.createSession("out-1").status()).isBetween(200, 201);
        awaitStatus("out-1", SessionStatus.QR_REQUIRED);

        // a slow WhatsApp keeps out-2's create running while the rest of its commands queue up behind it
        whatsapp.holdConnects();
        gateway.submit(new CreateSession(id(), "out-2", Instant.now(), "u", "n"));
        gateway.submit(new SendMessage(id(), "out-2", Instant.now(), "out-2-m1", "6281234567890", MessageType.TEXT, "hi", null));
        gateway.submit(new LogoutSession(id(), "out-2", Instant.now()));
        awaitStatus("out-2", SessionStatus.INITIALIZING);

        broker.stop();
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> gateway.submit(new CreateSession(id(), "out-3", Instant.now(), "u", "n")))
                    .isInstanceOf(CommandRejectedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            RestCalls.Reply refused = rest.createSession("out-4");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body().path("success").asBoolean()).isFalse();
            whatsapp.releaseConnects();
        } finally {
            whatsapp.releaseConnects();
            broker.start();
        }

        awaitStatus("out-2", SessionStatus.LOGGED_OUT);
        assertThat(whatsapp.calls("out-2")).containsExactly("connect", "send:out-2-m1", "logout");

        // what was answered 503 never runs, also not once Kafka is back
        gateway.submit(new CreateSession(id(), "out-5", Instant.now(), "u", "n"));
        awaitStatus("out-5", SessionStatus.QR_REQUIRED);
        assertThat(directory.find("out-3")).isEmpty();
        assertThat(directory.find("out-4")).isEmpty();
        assertThat(whatsapp.calls("out-3")).isEmpty();
        assertThat(whatsapp.calls("out-4")).isEmpty();
    }

    private void awaitStatus(String sessionId, SessionStatus status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> directory.find(sessionId).map(v -> v.status() == status).orElse(false));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
