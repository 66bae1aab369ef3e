package com.wagateway.worker.engine;

import static com.wagateway.worker.engine.MessagingHarness.MESSAGE_PATH;
import static com.wagateway.worker.engine.MessagingHarness.MESSAGE_STATUS_PATH;
import static com.wagateway.worker.engine.MessagingHarness.statusesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.engine.EmulatorAdmin.Answer;
import com.wagateway.worker.engine.MessagingHarness.Linked;
import com.wagateway.worker.relay.BackendStub;
import com.wagateway.worker.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7 end to end: a whole worker (real connector, Signal, history, webhook relay) against the emulator's virtual
 * phones, with an HTTP Backend receiving the webhooks. Every message here is really encrypted by one side and
 * decrypted by the other; nothing of ours is replaced. Each test pairs its own session with its own phones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerMessagingE2ETest {

    private static MessagingHarness h;

    @BeforeAll
    static void start() {
        h = new MessagingHarness("m", Map.of());
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    @Order(1)
    void aRestSendReachesThePhoneAndTheBackendHearsSentDeliveredThenRead() {
        Linked s = h.pair("msg-out");
        String bob = h.newPhone();

        String id = h.sendAcked(s.sessionId(), bob, "hello from the gateway");
        JsonNode onPhone = h.awaitOnPhone(bob, id);
        assertThat(onPhone.path("text").asString()).isEqualTo("hello from the gateway");
        assertThat(onPhone.path("type").asString()).isEqualTo("text");
        assertThat(onPhone.path("from").asString()).startsWith(s.number());
        h.awaitWebhookStatuses(id, "sent", "delivered");

        Answer read = h.admin.read(bob, id);
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        h.awaitWebhookStatuses(id, "sent", "delivered", "read");

        for (BackendStub.Request call : h.backend.requests(MESSAGE_STATUS_PATH)) {
            JsonNode body = MessagingHarness.json(call.body());
            if (!id.equals(body.path("messageId").asString())) {
                continue;
            }
            // the spec's message-status webhook: exactly these fields (error only on failed)
            assertThat(fieldNames(body)).containsExactlyInAnyOrder("sessionId", "messageId", "status", "timestamp",
                    "eventId", "workerId");
            assertThat(body.path("sessionId").asString()).isEqualTo("msg-out");
            assertThat(Instant.parse(body.path("timestamp").asString())).isBefore(Instant.now().plusSeconds(5));
            assertThat(call.header("X-Event-Type")).isEqualTo("message.status_changed");
            assertThat(call.header("X-Event-Id")).isEqualTo(body.path("eventId").asString());
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + RunningWorker.TOKEN);
        }
        JsonNode entry = h.awaitHistory(s.sessionId(), id, "read");
        assertThat(entry.path("direction").asString()).isEqualTo("outbound");
        assertThat(entry.path("content").asString()).isEqualTo("hello from the gateway");
    }

    @Test
    @Order(2)
    void aPhonesMessageBecomesAnEventAWebhookAndAHistoryEntry() {
        Linked s = h.pair("msg-in");
        String bob = h.newPhone();

        String id = h.phoneSends(bob, s.number(), "hello gateway");
        MessageEvent event = h.awaitEvent(s.sessionId(), e -> id.equals(e.getMessageId()));
        MessageReceived received = (MessageReceived) event.getPayload();
        assertThat(received.getFrom()).isEqualTo(bob + "@s.whatsapp.net");
        assertThat(received.getFromLid()).isEqualTo(h.lidOf(bob));
        assertThat(received.getTo()).isEqualTo(s.jid());
        assertThat(received.getChat()).isEqualTo(bob + "@s.whatsapp.net");
        assertThat(received.getType()).isEqualTo("text");
        assertThat(received.getContent()).isEqualTo("hello gateway");
        assertThat(received.getSentAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));

        JsonNode webhook = MessagingHarness.json(h.awaitWebhookCall(MESSAGE_PATH, id).body());
        assertThat(webhook.path("sessionId").asString()).isEqualTo("msg-in");
        assertThat(webhook.path("from").asString()).isEqualTo(bob + "@s.whatsapp.net");
        assertThat(webhook.path("fromLid").asString()).isEqualTo(h.lidOf(bob));
        assertThat(webhook.path("to").asString()).isEqualTo(s.jid());
        assertThat(webhook.path("type").asString()).isEqualTo("text");
        assertThat(webhook.path("content").asString()).isEqualTo("hello gateway");
        assertThat(webhook.has("fromMe")).as("only copies the account sent itself carry fromMe").isFalse();

        JsonNode entry = h.awaitHistory(s.sessionId(), id, "delivered");
        assertThat(entry.path("direction").asString()).isEqualTo("inbound");
        assertThat(entry.path("content").asString()).isEqualTo("hello gateway");
        assertThat(entry.path("from").asString()).isEqualTo(bob + "@s.whatsapp.net");

        // the session's delivery receipt reached the phone
        await().atMost(Duration.ofSeconds(20)).until(() -> phoneSentStatus(bob, id).equals("delivered"));
    }

    @Test
    @Order(3)
    void aGroupOfThreePhonesAndTheSessionWorksBothWays() {
        Linked s = h.pair("msg-group");
        String p1 = h.newPhone();
        String p2 = h.newPhone();
        String p3 = h.newPhone();
        Answer group = h.admin.createGroup("Team", p1, p2, p3, s.number());
        assertThat(group.status()).as(group.body().toString()).isEqualTo(201);
        String groupJid = group.text("jid");

        String out = h.sendAcked(s.sessionId(), groupJid, "hello group");
        for (String phone : List.of(p1, p2, p3)) {
            JsonNode got = h.awaitOnPhone(phone, out);
            assertThat(got.path("text").asString()).as(phone).isEqualTo("hello group");
            assertThat(got.path("chat").asString()).as(phone).isEqualTo(groupJid);
        }
        // three deliveries and two reads make one delivered and one read
        h.awaitWebhookStatuses(out, "sent", "delivered");
        h.admin.read(p1, out);
        h.admin.read(p3, out);
        h.awaitWebhookStatuses(out, "sent", "delivered", "read");

        String in = h.phoneSends(p2, groupJid, "hi from p2");
        MessageReceived received = (MessageReceived) h.awaitEvent(s.sessionId(), e -> in.equals(e.getMessageId()))
                .getPayload();
        assertThat(received.getChat()).isEqualTo(groupJid);
        assertThat(received.getFrom()).isEqualTo(p2 + "@s.whatsapp.net");
        assertThat(received.getFromLid()).isEqualTo(h.lidOf(p2));
        assertThat(received.getContent()).isEqualTo("hi from p2");
        JsonNode entry = h.awaitHistory(s.sessionId(), in, "delivered");
        assertThat(entry.path("chat").asString()).isEqualTo(groupJid);
        assertThat(h.awaitOnPhone(p1, in).path("text").asString()).as("the other phones have it too")
                .isEqualTo("hi from p2");
        assertThat(h.webhookStatuses(out)).as("no late receipt moved it again").containsExactly("sent", "delivered",
                "read");
    }

    @Test
    @Order(4)
    void aTamperedCiphertextIsCountedRetriedAndTheSessionKeepsWorking() {
        Linked s = h.pair("msg-tamper");
        String bob = h.newPhone();
        String first = h.phoneSends(bob, s.number(), "first");
        h.awaitEvent(s.sessionId(), e -> first.equals(e.getMessageId()));
        double before = h.undecryptableScraped();

        Answer fault = h.admin.faults("{\"tamper\":{\"phone\":\"" + bob + "\",\"deviceJid\":\"" + s.deviceJid()
                + "\"}}");
        assertThat(fault.status()).as(fault.body().toString()).isEqualTo(200);
        String tampered = h.phoneSends(bob, s.number(), "tampered");

        await().atMost(Duration.ofSeconds(20)).until(() -> h.undecryptableScraped() >= before + 1);
        // the session's retry receipt made the phone encrypt it again: it arrives after all, once
        MessageReceived retried = (MessageReceived) h.awaitEvent(s.sessionId(), e -> tampered.equals(e.getMessageId()))
                .getPayload();
        assertThat(retried.getContent()).isEqualTo("tampered");

        String after = h.phoneSends(bob, s.number(), "after the fault");
        h.awaitEvent(s.sessionId(), e -> after.equals(e.getMessageId()));
        String reply = h.sendAcked(s.sessionId(), bob, "still here");
        assertThat(h.awaitOnPhone(bob, reply).path("text").asString()).isEqualTo("still here");
        assertThat(h.undecryptableScraped()).as("one bad ciphertext, one count").isEqualTo(before + 1);
        List<MessageEvent> events = h.messageEvents(s.sessionId(), seen -> seen.stream()
                .anyMatch(e -> after.equals(e.getMessageId())), Duration.ofSeconds(20));
        assertThat(events.stream().filter(e -> tampered.equals(e.getMessageId()))).hasSize(1);
        assertThat(h.worker.directory().find(s.sessionId()).orElseThrow().status()).isEqualTo(SessionStatus.CONNECTED);
    }

    @Test
    @Order(5)
    void aMessageToAnOfflinePhoneIsDeliveredWhenItComesBack() {
        Linked s = h.pair("msg-offline");
        String bob = h.newPhone();
        Answer off = h.admin.offline(bob);
        assertThat(off.status()).as(off.body().toString()).isEqualTo(200);

        String id = h.sendAcked(s.sessionId(), bob, "while you were away");
        h.awaitWebhookStatuses(id, "sent");
        h.awaitHistory(s.sessionId(), id, "sent");
        assertThat(h.admin.phoneMessages(bob).body().path("messages").toString()).doesNotContain(id);

        Answer on = h.admin.online(bob);
        assertThat(on.status()).as(on.body().toString()).isEqualTo(200);
        assertThat(h.awaitOnPhone(bob, id).path("text").asString()).isEqualTo("while you were away");
        h.awaitWebhookStatuses(id, "sent", "delivered");
        h.awaitHistory(s.sessionId(), id, "delivered");
    }

    /**
     * A thousand commands on the Kafka command topic (as another service sends), keyed by the session: the phone
     * decrypts them in the order they were produced and every one reaches {@code sent} and {@code delivered}.
     */
    @Test
    @Order(6)
    void aThousandMessagesToOnePhoneArriveInOrder() {
        Linked s = h.pair("msg-bulk");
        String bob = h.newPhone();
        int n = 1000;
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        long base = System.nanoTime() & 0xFFFFFFFFL;
        List<Map.Entry<String, String>> commands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "3EB0" + String.format("%010X%08X", base, i);
            String text = String.format("bulk %04d", i);
            ids.add(id);
            texts.add(text);
            commands.add(Map.entry(id, text));
        }
        h.produceSends(s.sessionId(), bob, commands);

        Set<String> wanted = new HashSet<>(ids);
        List<String> arrived = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            arrived.clear();
            for (JsonNode m : h.admin.phoneMessages(bob).body().path("messages")) {
                if (wanted.contains(m.path("id").asString())) {
                    arrived.add(m.path("id").asString() + " " + m.path("text").asString());
                }
            }
            return arrived.size() >= n;
        });
        assertThat(arrived).as("decrypted on the phone in the order sent, each once")
                .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> ids.get(i) + " " + texts.get(i))
                        .toList());

        List<MessageEvent> events = h.messageEvents(s.sessionId(), seen -> seen.stream()
                .filter(e -> wanted.contains(e.getMessageId()))
                .filter(e -> e.getPayload() instanceof com.wagateway.worker.avro.MessageStatusChanged c
                        && c.getStatus().equals("delivered")).count() >= n, Duration.ofSeconds(60));
        for (String id : ids) {
            assertThat(statusesOf(events, id)).as(id).containsExactly("sent", "delivered");
        }
    }

    /** Stop the worker between messages, start it again on the same data and Kafka: both directions decrypt. */
    @Test
    @Order(100)
    void afterAWorkerRestartMidConversationBothDirectionsStillDecrypt() {
        Linked s = h.pair("msg-restart");
        String bob = h.newPhone();
        String out1 = h.sendAcked(s.sessionId(), bob, "before the restart");
        h.awaitOnPhone(bob, out1);
        String in1 = h.phoneSends(bob, s.number(), "answer before the restart");
        h.awaitEvent(s.sessionId(), e -> in1.equals(e.getMessageId()));
        h.awaitHistory(s.sessionId(), in1, "delivered");

        h.restartWorker();
        h.awaitConnected(s.sessionId());

        String in2 = h.phoneSends(bob, s.number(), "while you were away?");
        MessageReceived got = (MessageReceived) h.awaitEvent(s.sessionId(), e -> in2.equals(e.getMessageId()))
                .getPayload();
        assertThat(got.getContent()).isEqualTo("while you were away?");
        String out2 = h.sendAcked(s.sessionId(), bob, "after the restart");
        assertThat(h.awaitOnPhone(bob, out2).path("text").asString()).isEqualTo("after the restart");
        h.awaitWebhookStatuses(out2, "sent", "delivered");
        assertThat(h.admin.phoneMessages(bob).body().path("undecryptable").asInt()).isZero();
        for (String id : List.of(out1, in1, in2)) {
            h.awaitHistory(s.sessionId(), id, "delivered");
        }
    }

    // ---- helpers ----

    private static String phoneSentStatus(String number, String messageId) {
        for (JsonNode m : h.admin.phoneMessages(number).body().path("sent")) {
            if (messageId.equals(m.path("id").asString())) {
                return m.path("status").asString();
            }
        }
        return "";
    }

    private static List<String> fieldNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.propertyNames().forEach(names::add);
        return names;
    }
}
