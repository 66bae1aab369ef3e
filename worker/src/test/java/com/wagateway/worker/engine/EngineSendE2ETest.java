package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.avro.CommandFailed;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.SendMessageCommand;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.session.SessionStateView;
import com.wagateway.worker.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Sends through the engine: one waiting for WhatsApp's ack does not hold up the session's next command, and the
 * session's applied-command memory never claims a send whose outcome is not published yet (so a crash before the
 * ack redelivers it); a send produced straight to {@code wa.commands} by another service has the same outcome
 * events as one made over REST.
 */
class EngineSendE2ETest extends E2ESupport {

    @Autowired
    SessionStateView states;

    @AfterEach
    void close() {
        whatsapp.holdAcks(false);
    }

    @Test
    void aSendWaitingForItsAckDoesNotHoldUpTheSessionNorCountAsApplied() throws Exception {
        connect("send-held");
        whatsapp.holdAcks(true);
        SendMessage a = send("send-held", "3EB0HELD00000000000A", "first");
        SendMessage b = send("send-held", "3EB0HELD00000000000B", "second");
        long offsetA = produce(a);
        long offsetB = produce(b);

        // b went to WhatsApp while a still waits for its ack
        await().atMost(Duration.ofSeconds(20)).until(() -> whatsapp.unacked().size() == 2);
        whatsapp.ack("3EB0HELD00000000000B");
        awaitStatus("send-held", "3EB0HELD00000000000B", "sent");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                states.load("send-held").state().applied().ids().contains(b.commandId()));
        AppliedCommands whileAWaits = states.load("send-held").state().applied();
        assertThat(whileAWaits.ids()).doesNotContain(a.commandId());
        assertThat(whileAWaits.offset()).as("the watermark stays below the send in flight").isLessThan(offsetA);

        whatsapp.ack("3EB0HELD00000000000A");
        awaitStatus("send-held", "3EB0HELD00000000000A", "sent");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                states.load("send-held").state().applied().offset() >= offsetB);
        assertThat(states.load("send-held").state().applied().ids()).contains(a.commandId(), b.commandId());
    }

    @Test
    void aNackFailsTheSendWithTheReasonAndTheSameRecordTwiceSendsOnce() throws Exception {
        connect("send-nack");
        whatsapp.holdAcks(true);
        SendMessage s = send("send-nack", "3EB0NACK000000000001", "refused");
        produce(s);
        produce(s); // a retrying producer: arrives while the first is in flight
        await().atMost(Duration.ofSeconds(20)).until(() -> whatsapp.unacked().contains("3EB0NACK000000000001"));
        whatsapp.nack("3EB0NACK000000000001", "server nack 479");
        MessageStatusChanged failed = awaitStatus("send-nack", "3EB0NACK000000000001", "failed");
        assertThat(failed.getError()).isEqualTo("server nack 479");
        assertThat(whatsapp.count("send-nack", "send:3EB0NACK000000000001")).isEqualTo(1);
    }

    /**
     * What another service does (docs/kafka-commands.md): a {@code CommandEnvelope} with a {@code SendMessageCommand}
     * built from the schema alone, keyed by the session id, on {@code wa.commands}.
     */
    @Test
    void aSendProducedByAnotherServiceHasTheSameOutcomeEventsAndHistory() throws Exception {
        connect("send-kafka");
        String commandId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        CommandEnvelope envelope = CommandEnvelope.newBuilder().setCommandId(commandId).setSessionId("send-kafka")
                .setWorkerId("billing-service").setIssuedAt(now).setNotAfter(now.plusSeconds(30))
                .setPayload(SendMessageCommand.newBuilder().setMessageId("3EB0KAFKA00000000001")
                        .setTo("6289876543210").setType("text").setText("from another service").build())
                .build();
        byte[] value = CommandEnvelope.getEncoder().encode(envelope).array(); // single-object encoding, no worker code
        try (KafkaProducer<String, byte[]> raw = clients.producer("other-service",
                new org.apache.kafka.common.serialization.ByteArraySerializer(), Map.of())) {
            raw.send(new ProducerRecord<>(topics.commands(), "send-kafka", value)).get();
        }

        List<MessageEvent> events = messageEvents("send-kafka", seen -> seen.stream()
                .anyMatch(e -> e.getMessageId().equals("3EB0KAFKA00000000001")));
        MessageEvent outcome = events.stream().filter(e -> e.getMessageId().equals("3EB0KAFKA00000000001"))
                .findFirst().orElseThrow();
        assertThat(outcome.getCommandId()).isEqualTo(commandId);
        MessageStatusChanged sent = (MessageStatusChanged) outcome.getPayload();
        assertThat(sent.getStatus()).isEqualTo("sent");
        assertThat(sent.getTo()).isEqualTo("6289876543210@s.whatsapp.net");
        assertThat(sent.getContent()).isEqualTo("from another service");
        assertThat(whatsapp.calls("send-kafka")).contains("send:3EB0KAFKA00000000001");

        await().atMost(Duration.ofSeconds(20)).until(() ->
                get("/api/session/send-kafka/messages").body().path("data").path("total").asLong() == 1);
        JsonNode m = get("/api/session/send-kafka/messages").body().path("data").path("messages").get(0);
        assertThat(m.path("id").asString()).isEqualTo("3EB0KAFKA00000000001");
        assertThat(m.path("direction").asString()).isEqualTo("outbound");
        assertThat(m.path("status").asString()).isEqualTo("sent");
        assertThat(m.path("content").asString()).isEqualTo("from another service");
    }

    /**
     * A send another service produced with a message id WhatsApp would not accept (and the history could not
     * store) is answered with a {@code failed} status naming the rule, and a {@code CommandFailed}; it never
     * reaches WhatsApp, and the session's next send and its history go on.
     */
    @Test
    void anInvalidSendFromKafkaIsAnsweredFailedWithTheReasonAndTheSessionGoesOn() throws Exception {
        connect("send-invalid");
        String badId = "3EB0" + "X".repeat(300);
        String commandId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        CommandEnvelope envelope = CommandEnvelope.newBuilder().setCommandId(commandId).setSessionId("send-invalid")
                .setWorkerId("billing-service").setIssuedAt(now).setNotAfter(now.plusSeconds(30))
                .setPayload(SendMessageCommand.newBuilder().setMessageId(badId)
                        .setTo("6289876543210").setType("text").setText("never sent").build())
                .build();
        rawCommands().send(new ProducerRecord<>(topics.commands(), "send-invalid", envelope)).get();
        produce(send("send-invalid", "3EB0AFTER0000000000001", "after the bad one"));

        MessageStatusChanged failed = awaitStatus("send-invalid", badId, "failed");
        assertThat(failed.getError()).startsWith("invalid messageId").contains("304 characters");
        var reports = EventsProbe.sessionEvents(clients, topics.sessionEvents(), "send-invalid",
                seen -> seen.stream().anyMatch(e -> e.getPayload() instanceof CommandFailed));
        assertThat(reports).anySatisfy(e -> {
            assertThat(e.getCommandId()).isEqualTo(commandId);
            assertThat(((CommandFailed) e.getPayload()).getCommandType()).isEqualTo("send");
            assertThat(((CommandFailed) e.getPayload()).getReason()).startsWith("invalid messageId");
        });
        awaitStatus("send-invalid", "3EB0AFTER0000000000001", "sent");
        assertThat(whatsapp.calls("send-invalid")).noneMatch(c -> c.contains(badId));
        // the failed event of the bad id is skipped by the history (its id is too long), not stalling it
        await().atMost(Duration.ofSeconds(20)).until(() ->
                get("/api/session/send-invalid/messages").body().path("data").path("total").asLong() == 1);
        assertThat(get("/api/session/send-invalid/messages").body().path("data").path("messages").get(0)
                .path("id").asString()).isEqualTo("3EB0AFTER0000000000001");
    }

    // ---- helpers ----

    private void connect(String sessionId) throws Exception {
        produce(new CreateSession(UUID.randomUUID().toString(), sessionId, Instant.now(), "u", "n"));
        awaitStatus(sessionId, SessionStatus.QR_REQUIRED);
        whatsapp.scan(sessionId, "+6281234567890");
        awaitStatus(sessionId, SessionStatus.CONNECTED);
    }

    private static SendMessage send(String sessionId, String messageId, String text) {
        return new SendMessage(UUID.randomUUID().toString(), sessionId, Instant.now(), messageId, "6289876543210",
                MessageType.TEXT, text, null);
    }

    private MessageStatusChanged awaitStatus(String sessionId, String messageId, String status) {
        List<MessageEvent> events = messageEvents(sessionId, seen -> seen.stream().anyMatch(e ->
                e.getMessageId().equals(messageId) && e.getPayload() instanceof MessageStatusChanged s
                        && s.getStatus().equals(status)));
        return events.stream().filter(e -> e.getMessageId().equals(messageId))
                .map(e -> (MessageStatusChanged) e.getPayload()).filter(s -> s.getStatus().equals(status))
                .findFirst().orElseThrow(() -> new AssertionError(messageId + " never " + status));
    }

}
