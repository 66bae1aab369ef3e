package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.avro.CommandFailed;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.DeleteSession;
import com.wagateway.worker.command.DisconnectSession;
import com.wagateway.worker.command.RestartSession;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Commands produced straight to {@code wa.commands}, as a retrying producer or an operator replay would:
 * a commandId seen twice executes once, also after the session was deleted; a command the broker appended after
 * its acknowledgement deadline is refused and reported, never executed.
 */
class EngineIdempotencyE2ETest extends E2ESupport {

    @Test
    void theSameCreateRecordProducedTwiceExecutesOnce() throws Exception {
        // The duplicate comes after a disconnect, where a create that ran again would reconnect: so only the
        // dedupe keeps the calls below as they are (a create for a connected session is ignored anyway).
        CreateSession create = new CreateSession(id(), "idem-1", Instant.now(), "u1", "n1");
        produce(create, Instant.now().plusSeconds(60));
        produce(new DisconnectSession(id(), "idem-1", Instant.now()), Instant.now().plusSeconds(60));
        produce(create, Instant.now().plusSeconds(60));
        produce(new DeleteSession(id(), "idem-1", Instant.now()), Instant.now().plusSeconds(60)); // marker: runs after

        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find("idem-1").isEmpty());
        assertThat(whatsapp.calls("idem-1")).containsExactly("connect", "disconnect");
    }

    @Test
    void theSameSendRecordProducedTwiceSendsOnce() throws Exception {
        produce(new CreateSession(id(), "idem-send", Instant.now(), "u", "n"), Instant.now().plusSeconds(60));
        awaitStatus("idem-send", SessionStatus.QR_REQUIRED);
        whatsapp.scan("idem-send", "+628111222");
        awaitStatus("idem-send", SessionStatus.CONNECTED);

        SendMessage send = new SendMessage(id(), "idem-send", Instant.now(), "3EB0DEDUPE000000000001", "6289876543210",
                MessageType.TEXT, "only once", null);
        produce(send, Instant.now().plusSeconds(60));
        produce(send, Instant.now().plusSeconds(60));
        produce(new DisconnectSession(id(), "idem-send", Instant.now()), Instant.now().plusSeconds(60)); // marker

        awaitStatus("idem-send", SessionStatus.DISCONNECTED);
        assertThat(whatsapp.calls("idem-send")).containsExactly("connect", "send:3EB0DEDUPE000000000001", "disconnect");
    }

    @Test
    void theSameRestartRecordProducedTwiceReconnectsOnce() throws Exception {
        produce(new CreateSession(id(), "idem-restart", Instant.now(), "u", "n"), Instant.now().plusSeconds(60));
        awaitStatus("idem-restart", SessionStatus.QR_REQUIRED);

        RestartSession restart = new RestartSession(id(), "idem-restart", Instant.now());
        produce(restart, Instant.now().plusSeconds(60));
        produce(restart, Instant.now().plusSeconds(60));
        produce(new DisconnectSession(id(), "idem-restart", Instant.now()), Instant.now().plusSeconds(60)); // marker

        awaitStatus("idem-restart", SessionStatus.DISCONNECTED);
        assertThat(whatsapp.calls("idem-restart"))
                .as("one extra connect for the restart, not two")
                .containsExactly("connect", "disconnect", "connect", "disconnect");
    }

    @Test
    void aCommandReplayedAfterDeleteDoesNotBringTheSessionBack() throws Exception {
        CreateSession create = new CreateSession(id(), "idem-2", Instant.now(), "u2", "n2");
        produce(create, Instant.now().plusSeconds(60));
        awaitStatus("idem-2", SessionStatus.QR_REQUIRED);
        produce(new DeleteSession(id(), "idem-2", Instant.now()), Instant.now().plusSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find("idem-2").isEmpty());

        produce(create, Instant.now().plusSeconds(60)); // the old create again: must stay deleted
        produce(new CreateSession(id(), "idem-2", Instant.now(), "u2", "n2"), Instant.now().plusSeconds(60));
        awaitStatus("idem-2", SessionStatus.QR_REQUIRED);
        assertThat(whatsapp.calls("idem-2")).containsExactly("connect", "disconnect", "connect");
    }

    @Test
    void aCommandAppendedAfterItsDeadlineIsRefusedAndReported() throws Exception {
        CreateSession late = new CreateSession(id(), "idem-3", Instant.now(), "u3", "n3");
        produce(late, Instant.now().minusSeconds(1));
        produce(new CreateSession(id(), "idem-3b", Instant.now(), "u3", "n3"), Instant.now().plusSeconds(60));
        awaitStatus("idem-3b", SessionStatus.QR_REQUIRED);

        var events = EventsProbe.sessionEvents(clients, topics.sessionEvents(), "idem-3",
                seen -> seen.stream().anyMatch(e -> e.getPayload() instanceof CommandFailed));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getCommandId()).isEqualTo(late.commandId());
            assertThat(((CommandFailed) e.getPayload()).getReason()).contains("not executed");
        });
        assertThat(directory.find("idem-3")).isEmpty();
        assertThat(whatsapp.calls("idem-3")).isEmpty();
    }

    @Test
    void aCommandForAnUnknownSessionIsReportedFailedNotDropped() throws Exception {
        RestartSession restart = new RestartSession(id(), "idem-ghost", Instant.now());
        produce(restart, Instant.now().plusSeconds(60));
        var events = EventsProbe.sessionEvents(clients, topics.sessionEvents(), "idem-ghost",
                seen -> !seen.isEmpty());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getCommandId()).isEqualTo(restart.commandId());
            assertThat(e.getWorkerId()).isEqualTo("e2e-worker");
            assertThat(((CommandFailed) e.getPayload()).getReason()).isEqualTo("session not found");
            assertThat(((CommandFailed) e.getPayload()).getCommandType()).isEqualTo("restart");
        });
        assertThat(directory.find("idem-ghost")).isEmpty();
    }

    @Test
    void topicsExistWithTheirPartitionsAndConfigs() throws Exception {
        try (Admin admin = clients.admin("test-topics")) {
            var described = admin.describeTopics(List.of(topics.commands(), topics.sessionEvents(),
                    topics.messageEvents(), topics.sessionState())).allTopicNames().get();
            assertThat(described.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(4));
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, topics.sessionState());
            ConfigResource commands = new ConfigResource(ConfigResource.Type.TOPIC, topics.commands());
            var configs = admin.describeConfigs(List.of(state, commands)).all().get();
            assertThat(configs.get(state).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(commands).get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
