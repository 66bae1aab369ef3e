package com.wagateway.worker.engine;

import static com.wagateway.worker.engine.MessagingHarness.statusesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.engine.EmulatorAdmin.Answer;
import com.wagateway.worker.engine.MessagingHarness.Linked;
import com.wagateway.worker.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How each answer of the WhatsApp server becomes a message status, produced for real by the emulator: the ack
 * ({@code sent}), receipts ({@code delivered}, {@code read}, forward only), a nack ({@code failed} with the server's
 * reason), no ack within {@code WA_SEND_ACK_TIMEOUT} ({@code failed}, the session not held up), and a lost ack whose
 * message arrived anyway. Inbound messages, LIDs and undecryptable ones are in {@link WorkerMessagingE2ETest}.
 */
class MessageOutcomesE2ETest {

    static final Duration ACK_TIMEOUT = Duration.ofMillis(1500);

    private static MessagingHarness h;

    @BeforeAll
    static void start() {
        h = new MessagingHarness("o", Map.of("worker.whatsapp.send-ack-timeout", ACK_TIMEOUT.toMillis() + "ms"));
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void theServersAckIsSentAndReceiptsMoveItForwardOnly() {
        Linked s = h.pair("out-ack");
        String bob = h.newPhone();
        Instant before = Instant.now().minusSeconds(2);
        JsonNode answer = h.send(s.sessionId(), bob, "hello there").path("data");
        assertThat(answer.path("status").asString()).isEqualTo("sent");
        assertThat(Instant.parse(answer.path("timestamp").asString())).as("the server's time of the ack")
                .isBetween(before, Instant.now().plusSeconds(2));
        String id = answer.path("messageId").asString();
        h.awaitOnPhone(bob, id);

        h.admin.read(bob, id);
        h.admin.read(bob, id); // read again: nothing new
        // a marker after the receipts on the same connection: once it is in, the receipts were handled
        String marker = h.phoneSends(bob, s.number(), "marker");
        List<MessageEvent> events = h.messageEvents(s.sessionId(), seen -> seen.stream()
                .anyMatch(e -> marker.equals(e.getMessageId())) && statusesOf(seen, id).contains("read"),
                Duration.ofSeconds(30));
        assertThat(statusesOf(events, id)).containsExactly("sent", "delivered", "read");
        MessageEvent first = events.stream().filter(e -> id.equals(e.getMessageId())).findFirst().orElseThrow();
        MessageStatusChanged sent = (MessageStatusChanged) first.getPayload();
        assertThat(sent.getTo()).isEqualTo(bob + "@s.whatsapp.net");
        assertThat(sent.getFrom()).isEqualTo(s.jid());
        assertThat(sent.getType()).isEqualTo("text");
        assertThat(sent.getContent()).isEqualTo("hello there");
        assertThat(first.getCommandId()).isNotBlank();

        JsonNode entry = h.awaitHistory(s.sessionId(), id, "read");
        assertThat(entry.path("direction").asString()).isEqualTo("outbound");
        assertThat(entry.path("content").asString()).isEqualTo("hello there");
        h.awaitWebhookStatuses(id, "sent", "delivered", "read");
    }

    /**
     * A nack from the server: the emulator refuses the session's next message with {@code <ack error="479">} (its
     * {@code nackMessages} fault; fact sheet §10.6: the code the real server gives a stanza naming a stale device).
     * The unlinked-device way to provoke it no longer works since the emulator sends device notifications: the
     * client refreshes its device list and the send succeeds, as it should.
     */
    @Test
    void aNackFailsTheMessageWithTheServersReason() {
        Linked alice = h.pair("out-nack");
        Linked bob = h.pair("out-nack-peer");
        String first = h.sendAcked(alice.sessionId(), bob.number(), "hi bob");
        h.awaitEvent(bob.sessionId(), e -> first.equals(e.getMessageId()));
        Answer armed = h.admin.faults("{\"nackMessages\":{\"deviceJid\":\"" + alice.deviceJid()
                + "\",\"error\":\"479\"}}");
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);

        JsonNode failed = h.send(alice.sessionId(), bob.number(), "refused by the server");
        assertThat(failed.path("success").asBoolean()).isFalse();
        assertThat(failed.path("data").path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").asString()).startsWith("send failed:").contains("479");
        String id = failed.path("data").path("messageId").asString();
        JsonNode entry = h.awaitHistory(alice.sessionId(), id, "failed");
        assertThat(entry.path("error").asString()).contains("479");
        await().atMost(Duration.ofSeconds(20)).until(() -> !h.webhooks(MessagingHarness.MESSAGE_STATUS_PATH, id)
                .isEmpty());
        JsonNode webhook = h.webhooks(MessagingHarness.MESSAGE_STATUS_PATH, id).getFirst();
        assertThat(webhook.path("status").asString()).isEqualTo("failed");
        assertThat(webhook.path("error").asString()).contains("479");
        assertThat(h.worker.directory().find(alice.sessionId()).orElseThrow().status())
                .isEqualTo(SessionStatus.CONNECTED);
    }

    /**
     * The server swallows the first message (no ack, not routed): it fails after the ack timeout. The second, sent
     * right after it (both produced in order on the command topic), is acknowledged before that, because the
     * session did not wait for the first.
     */
    @Test
    void noAckWithinTheTimeoutFailsWithoutHoldingUpTheSession() {
        Linked s = h.pair("out-silent");
        String bob = h.newPhone();
        h.sendAcked(s.sessionId(), bob, "warm up"); // device list and Signal session in place
        withholdAcks(s, false);

        String lost = MessagingHarness.newMessageId();
        String quick = MessagingHarness.newMessageId();
        h.produceSends(s.sessionId(), bob, List.of(Map.entry(lost, "lost"), Map.entry(quick, "quick one")));
        List<MessageEvent> events = h.messageEvents(s.sessionId(), seen -> statusesOf(seen, lost).contains("failed"),
                Duration.ofSeconds(30));
        List<String> outcomes = events.stream().filter(e -> e.getPayload() instanceof MessageStatusChanged c
                        && (lost.equals(e.getMessageId()) && c.getStatus().equals("failed")
                        || quick.equals(e.getMessageId()) && c.getStatus().equals("sent")))
                .map(MessageEvent::getMessageId).toList();
        assertThat(outcomes).as("the second was acknowledged while the first still waited").containsExactly(quick, lost);
        MessageStatusChanged failed = (MessageStatusChanged) events.stream()
                .filter(e -> lost.equals(e.getMessageId())).findFirst().orElseThrow().getPayload();
        assertThat(failed.getStatus()).isEqualTo("failed");
        assertThat(failed.getError()).isEqualTo("no ack from WhatsApp within 1s");
        assertThat(failed.getContent()).isEqualTo("lost");

        h.awaitWebhookStatuses(lost, "failed");
        h.awaitHistory(s.sessionId(), lost, "failed");
        h.awaitOnPhone(bob, quick);
        assertThat(h.admin.phoneMessages(bob).body().path("messages").toString())
                .as("the server never routed it").doesNotContain(lost);
    }

    /**
     * The server routes the message but its ack is lost: the send fails at the timeout, and the phone's delivery
     * receipt, which came before that, follows the failure, proving the message arrived after all. The Backend
     * hears {@code failed} then {@code delivered}, each once.
     */
    @Test
    void aLostAckWhoseMessageArrivedFailsThenIsDelivered() {
        Linked s = h.pair("out-lost-ack");
        String bob = h.newPhone();
        withholdAcks(s, true);

        JsonNode failed = h.send(s.sessionId(), bob, "arrived, ack lost");
        assertThat(failed.path("data").path("status").asString()).isEqualTo("failed");
        String id = failed.path("data").path("messageId").asString();
        assertThat(h.awaitOnPhone(bob, id).path("text").asString()).isEqualTo("arrived, ack lost");
        h.awaitHistory(s.sessionId(), id, "delivered");
        h.awaitWebhookStatuses(id, "failed", "delivered");
        List<MessageEvent> events = h.messageEvents(s.sessionId(),
                seen -> statusesOf(seen, id).contains("delivered"), Duration.ofSeconds(20));
        assertThat(statusesOf(events, id)).containsExactly("failed", "delivered");
        assertThat(((MessageStatusChanged) events.stream().filter(e -> id.equals(e.getMessageId())).findFirst()
                .orElseThrow().getPayload()).getContent()).as("the outcome event carries the details")
                .isEqualTo("arrived, ack lost");
    }

    /**
     * The ack is lost and the recipient is offline: the send fails at the timeout; when the phone comes back its
     * delivery receipt proves the message arrived after all and moves it on from {@code failed}.
     */
    @Test
    void aReceiptAfterTheFailureMovesTheMessageOnToDelivered() {
        Linked s = h.pair("out-late");
        String bob = h.newPhone();
        assertThat(h.admin.offline(bob).status()).isEqualTo(200);
        withholdAcks(s, true);

        JsonNode failed = h.send(s.sessionId(), bob, "ack lost, phone away");
        assertThat(failed.path("data").path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").asString()).isEqualTo("no ack from WhatsApp within 1s");
        String id = failed.path("data").path("messageId").asString();
        h.awaitWebhookStatuses(id, "failed");

        assertThat(h.admin.online(bob).status()).isEqualTo(200);
        h.awaitOnPhone(bob, id);
        h.awaitWebhookStatuses(id, "failed", "delivered");
        JsonNode entry = h.awaitHistory(s.sessionId(), id, "delivered");
        assertThat(entry.path("content").asString()).isEqualTo("ack lost, phone away");
    }

    private static void withholdAcks(Linked s, boolean deliver) {
        Answer fault = h.admin.faults("{\"withholdAcks\":{\"deviceJid\":\"" + s.deviceJid() + "\",\"count\":1,"
                + "\"deliver\":" + deliver + "}}");
        assertThat(fault.status()).as(fault.body().toString()).isEqualTo(200);
    }
}
