package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.WorkerApplication;
import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.DeleteSession;
import com.wagateway.worker.command.DisconnectSession;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.connector.ScriptedConnector;
import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A true redelivery: the worker executed commands and committed them, stops; the engine group's committed offsets
 * are rewound to the start of {@code wa.commands} (what a crash between executing and committing, or an operator's
 * reset, amounts to); a new worker reads every command again. None may execute again: no connect, no send, no
 * disconnect reaches WhatsApp, and the published state stays what it was.
 */
class EngineRedeliveryE2ETest {

    private static final String WORKER_ID = "redelivery-worker";

    @Test
    void commandsRedeliveredAfterAnOffsetRewindDoNotExecuteAgain() throws Exception {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String sessions = SharedKafka.tempDir("wa-redeliver-sessions");
        String media = SharedKafka.tempDir("wa-redeliver-media");
        String messageId = "3EB0REDELIVER000000001";

        TopicNames topics;
        try (ConfigurableApplicationContext first = start(prefix, sessions, media)) {
            topics = first.getBean(TopicNames.class);
            CommandGateway gateway = first.getBean(CommandGateway.class);
            SessionDirectory directory = first.getBean(SessionDirectory.class);
            ScriptedConnector whatsapp = first.getBean(ScriptedConnector.class);

            gateway.submit(new CreateSession(id(), "redo-1", Instant.now(), "u", "n"));
            awaitStatus(directory, "redo-1", SessionStatus.QR_REQUIRED);
            whatsapp.scan("redo-1", "+628123");
            awaitStatus(directory, "redo-1", SessionStatus.CONNECTED);
            gateway.submit(new SendMessage(id(), "redo-1", Instant.now(), messageId, "6289876543210",
                    MessageType.TEXT, "exactly once", null));
            gateway.submit(new DisconnectSession(id(), "redo-1", Instant.now()));
            awaitStatus(directory, "redo-1", SessionStatus.DISCONNECTED);

            gateway.submit(new CreateSession(id(), "redo-2", Instant.now(), "u", "n"));
            awaitStatus(directory, "redo-2", SessionStatus.QR_REQUIRED);
            gateway.submit(new DeleteSession(id(), "redo-2", Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.find("redo-2").isEmpty());

            assertThat(whatsapp.calls("redo-1")).containsExactly("connect", "send:" + messageId, "disconnect");
            assertThat(whatsapp.calls("redo-2")).containsExactly("connect", "disconnect");
            awaitCommitted(first.getBean(KafkaClients.class), topics);
        }

        String group = topics.groupPrefix() + "wa-engine";
        long commands;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            // static membership: the stopped worker stays a member until its session times out; remove it
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                    List.of(new MemberToRemove(WORKER_ID)))).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (var p : admin.describeTopics(List.of(topics.commands())).allTopicNames().get()
                    .get(topics.commands()).partitions()) {
                TopicPartition tp = new TopicPartition(topics.commands(), p.partition());
                rewind.put(tp, new OffsetAndMetadata(0));
                ends.put(tp, OffsetSpec.latest());
            }
            admin.alterConsumerGroupOffsets(group, rewind).all().get(30, TimeUnit.SECONDS);
            commands = admin.listOffsets(ends).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()
                    .stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertThat(committed).as("rewound").isZero();
        }
        assertThat(commands).as("commands on the topic to be redelivered").isEqualTo(5);

        try (ConfigurableApplicationContext second = start(prefix, sessions, media)) {
            // every command read and committed again by the new worker ...
            awaitCommitted(second.getBean(KafkaClients.class), topics);
            ScriptedConnector whatsapp = second.getBean(ScriptedConnector.class);
            SessionDirectory directory = second.getBean(SessionDirectory.class);
            // ... and none executed again
            assertThat(whatsapp.calls("redo-1")).isEmpty();
            assertThat(whatsapp.calls("redo-2")).isEmpty();
            assertThat(directory.find("redo-1").orElseThrow().status()).isEqualTo(SessionStatus.DISCONNECTED);
            assertThat(directory.find("redo-2")).isEmpty();
        }
    }

    /** Waits until the engine group's committed offsets reach the end of every commands partition. */
    private static void awaitCommitted(KafkaClients clients, TopicNames topics)
            throws Exception {
        String group = topics.groupPrefix() + "wa-engine";
        try (Admin admin = clients.admin("test-offsets")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (var p : admin.describeTopics(List.of(topics.commands())).allTopicNames().get()
                        .get(topics.commands()).partitions()) {
                    ends.put(new TopicPartition(topics.commands(), p.partition()), OffsetSpec.latest());
                }
                var endOffsets = admin.listOffsets(ends).all().get();
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                return endOffsets.entrySet().stream().filter(e -> e.getValue().offset() > 0)
                        .allMatch(e -> committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue().offset());
            });
        }
    }

    private static ConfigurableApplicationContext start(String prefix, String sessions, String media) {
        return new SpringApplicationBuilder(WorkerApplication.class, ScriptedConnectorConfig.class)
                .run("--server.port=0", "--worker.id=" + WORKER_ID, "--worker.auth-token=redelivery-token-0123456789",
                        "--worker.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                        "--worker.kafka.topic-prefix=" + prefix, "--worker.kafka.partitions=2",
                        "--worker.session-storage-path=" + sessions, "--worker.media-storage-path=" + media);
    }

    private static void awaitStatus(SessionDirectory directory, String sessionId, SessionStatus status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> directory.find(sessionId).map(v -> v.status() == status).orElse(false));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
