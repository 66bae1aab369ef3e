package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.WorkerApplication;
import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.connector.ScriptedConnector;
import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.kafka.EmbeddedKafkaBroker;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two workers, one consumer group: when a second worker joins, the partitions it takes over move their sessions
 * with them. The old owner closes those connections (credentials stay), the new owner reconnects them, and any
 * worker's REST side can send to any session: the command runs where the session lives.
 */
class EngineRebalanceE2ETest {

    static final int PARTITIONS = 4;

    @Test
    void aJoiningWorkerTakesOverTheSessionsOfItsPartitions() throws Exception {
        String prefix = "rb" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String sessions = SharedKafka.tempDir("wa-rebalance-sessions");
        List<String> ids = onePerPartition();

        try (ConfigurableApplicationContext a = start("rb-worker-a", prefix, sessions)) {
            assertThat(a.getBeansOfType(EmbeddedKafkaBroker.class)).as("bootstrap set: no broker of its own").isEmpty();
            CommandGateway gatewayA = a.getBean(CommandGateway.class);
            ScriptedConnector whatsappA = a.getBean(ScriptedConnector.class);
            for (String id : ids) {
                gatewayA.submit(new CreateSession(UUID.randomUUID().toString(), id, Instant.now(), "u", "n"));
            }
            for (String id : ids) {
                awaitStatus(a.getBean(SessionDirectory.class), id, SessionStatus.QR_REQUIRED);
            }
            assertThat(ids).allSatisfy(id -> assertThat(whatsappA.calls(id)).containsExactly("connect"));

            try (ConfigurableApplicationContext b = start("rb-worker-b", prefix, sessions)) {
                ScriptedConnector whatsappB = b.getBean(ScriptedConnector.class);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                        ids.stream().filter(id -> whatsappB.count(id, "connect") == 1).count() == PARTITIONS / 2
                                && ids.stream().allMatch(id -> whatsappA.calls(id).contains("disconnect")
                                        == (whatsappB.count(id, "connect") == 1)));

                String moved = ids.stream().filter(id -> whatsappB.count(id, "connect") == 1).findFirst().orElseThrow();
                String stayed = ids.stream().filter(id -> whatsappB.calls(id).isEmpty()).findFirst().orElseThrow();
                assertThat(whatsappA.calls(moved)).containsExactly("connect", "disconnect");

                // A's REST side accepts a send for a session B now holds: B's connection sends it
                gatewayA.submit(new SendMessage(UUID.randomUUID().toString(), moved, Instant.now(), moved + "-m",
                        "6281234567890", MessageType.TEXT, "hi", null));
                gatewayA.submit(new SendMessage(UUID.randomUUID().toString(), stayed, Instant.now(), stayed + "-m",
                        "6281234567890", MessageType.TEXT, "hi", null));
                await().atMost(Duration.ofSeconds(20)).until(() -> whatsappB.calls(moved).contains("send:" + moved + "-m")
                        && whatsappA.calls(stayed).contains("send:" + stayed + "-m"));
                assertThat(whatsappA.calls(moved)).doesNotContain("send:" + moved + "-m");
                assertThat(b.getBean(SessionDirectory.class).find(moved).orElseThrow().ownerWorkerId())
                        .isEqualTo("rb-worker-b");
            }
        }
    }

    /** Session ids whose commands land on each partition once, so a move is always visible. */
    private static List<String> onePerPartition() {
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; ; i++) {
                String id = "rb-" + p + "-" + i;
                if (SessionEngine.partitionOf(id, PARTITIONS) == p) {
                    ids.add(id);
                    break;
                }
            }
        }
        return ids;
    }

    private static ConfigurableApplicationContext start(String workerId, String prefix, String sessions) {
        return new SpringApplicationBuilder(WorkerApplication.class, ScriptedConnectorConfig.class)
                .run("--server.port=0", "--worker.id=" + workerId, "--worker.auth-token=rebalance-token-0123456789",
                        "--worker.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                        "--worker.kafka.topic-prefix=" + prefix, "--worker.kafka.partitions=" + PARTITIONS,
                        "--worker.session-storage-path=" + sessions,
                        "--worker.media-storage-path=" + sessions + "-media");
    }

    private static void awaitStatus(SessionDirectory directory, String sessionId, SessionStatus status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> directory.find(sessionId).map(v -> v.status() == status).orElse(false));
    }
}
