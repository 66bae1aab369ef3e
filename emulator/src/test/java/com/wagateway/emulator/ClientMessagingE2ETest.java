package com.wagateway.emulator;

import static com.wagateway.emulator.PhoneMessages.hasText;
import static com.wagateway.emulator.PhoneMessages.withText;
import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.ClientRuntime;
import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.client.DeliveryStatus;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.MessageStatusUpdate;
import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The {@code whatsapp} module's client messaging end to end against the emulator and its Signal-speaking virtual
 * phones: a {@link WhatsAppClient} paired by QR sends to a phone and to a group and receives from them, receipts
 * become statuses, messages and receipts wait while the client is away, and a tampered ciphertext is retried while
 * the session keeps working. (Here rather than in {@code whatsapp}: the emulator depends on that module.)
 */
class ClientMessagingE2ETest {

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture();
    static ScheduledThreadPoolExecutor scheduler;
    static ClientRuntime runtime;

    @BeforeAll
    static void start() {
        scheduler = new ScheduledThreadPoolExecutor(2);
        scheduler.setRemoveOnCancelPolicy(true);
        runtime = new ClientRuntime(HttpClient.newHttpClient(), scheduler, RandomSource.secure(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
    }

    /** What one client reported. */
    static final class Events implements SessionListener {
        final List<String> qrs = new CopyOnWriteArrayList<>();
        final List<Jid> connected = new CopyOnWriteArrayList<>();
        final List<MessageStatusUpdate> statuses = new CopyOnWriteArrayList<>();
        final List<IncomingMessage> received = new CopyOnWriteArrayList<>();
        final List<String> undecryptable = new CopyOnWriteArrayList<>();
        final List<CloseReason> closed = new CopyOnWriteArrayList<>();

        @Override
        public void qr(String qrString) {
            qrs.add(qrString);
        }

        @Override
        public void connected(Jid me, Jid lid) {
            connected.add(me);
        }

        @Override
        public void reconnecting(CloseReason reason, int attempt, Duration delay) {
        }

        @Override
        public void closed(CloseReason reason) {
            closed.add(reason);
        }

        @Override
        public void messageStatus(MessageStatusUpdate update) {
            statuses.add(update);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> messageReceived(IncomingMessage message) {
            received.add(message);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

        @Override
        public void messageUndecryptable(String messageId, Jid from, String reason) {
            undecryptable.add(messageId);
        }

        boolean hasStatus(String id, DeliveryStatus status) {
            return statuses.stream().anyMatch(s -> s.messageId().equals(id) && s.status() == status);
        }

        IncomingMessage receivedText(String text) {
            return received.stream().filter(m -> text.equals(m.text())).findFirst().orElse(null);
        }
    }

    static final class MemoryStore implements CredentialStore {
        final Map<String, byte[]> entries = new ConcurrentHashMap<>();

        @Override
        public Optional<byte[]> read(String name) {
            byte[] b = entries.get(name);
            return b == null ? Optional.empty() : Optional.of(b.clone());
        }

        @Override
        public void write(String name, byte[] content) {
            entries.put(name, content.clone());
        }

        @Override
        public void delete(String name) {
            entries.remove(name);
        }
    }

    record Session(WhatsAppClient client, Events events, MemoryStore store, String number) {}

    static ClientConfig config() {
        return ClientConfig.defaults().withServer(server.emulator().wsUrl(), TrustRoot.of(server.emulator().rootPublicKey()))
                .withPushName("Gateway");
    }

    /** A new account whose companion is our client, linked by QR and logged in. */
    static Session pairedSession() throws Exception {
        return pairedSession(server.newPhone());
    }

    /** Our client linked by QR as a further companion of the existing account {@code number}, logged in. */
    static Session pairedSession(String number) throws Exception {
        MemoryStore store = new MemoryStore();
        Events events = new Events();
        WhatsAppClient client = WhatsAppClient.start("e2e-" + number, config(), runtime, store, events);
        await(() -> !events.qrs.isEmpty(), "a QR");
        AdminClient.Reply linked = server.admin().link(number, events.qrs.getFirst());
        assertThat(linked.status()).as(linked.body().toString()).isEqualTo(200);
        await(() -> !events.connected.isEmpty(), "connected");
        return new Session(client, events, store, number);
    }

    static Session restart(Session s) throws Exception {
        Events events = new Events();
        WhatsAppClient client = WhatsAppClient.start("e2e-" + s.number(), config(), runtime, s.store(), events);
        await(() -> !events.connected.isEmpty(), "connected again");
        return new Session(client, events, s.store(), s.number());
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static String newId() {
        return "3EB0" + Long.toHexString(System.nanoTime()).toUpperCase();
    }

    @Test
    void sendsToAPhoneReceivesItsReplyAndReceiptsBecomeStatuses() throws Exception {
        Session s = pairedSession();
        String b = server.newPhone();
        String id = newId();
        SentMessage sent = s.client().sendText(id, Jid.of(b, Jid.WHATSAPP), "hello phone").get(20, TimeUnit.SECONDS);
        assertThat(sent.messageId()).isEqualTo(id);
        assertThat(sent.serverTimestamp()).isNotNull();

        JsonNode atB = withText(server.awaitMessages(b, body -> hasText(body, "hello phone")), "hello phone");
        assertThat(atB.path("id").asString()).isEqualTo(id);
        assertThat(atB.path("from").asString()).isEqualTo(s.number() + "@s.whatsapp.net");
        // the account's phone got the DeviceSentMessage copy
        server.awaitMessages(s.number(), body -> hasText(body, "hello phone"));

        await(() -> s.events().hasStatus(id, DeliveryStatus.DELIVERED), "delivered");
        MessageStatusUpdate delivered = s.events().statuses.getFirst();
        assertThat(delivered.chat()).isEqualTo(Jid.of(b, Jid.WHATSAPP));
        assertThat(delivered.by()).isEqualTo(Jid.of(b, Jid.WHATSAPP));
        assertThat(server.admin().post("phones/" + b + "/read", "{\"messageIds\":[\"" + id + "\"]}").status()).isEqualTo(200);
        await(() -> s.events().hasStatus(id, DeliveryStatus.READ), "read");

        String replyId = server.sendText(b, s.number(), "hello gateway");
        await(() -> s.events().receivedText("hello gateway") != null, "the reply");
        IncomingMessage reply = s.events().receivedText("hello gateway");
        assertThat(reply.messageId()).isEqualTo(replyId);
        assertThat(reply.chat()).isEqualTo(Jid.of(b, Jid.WHATSAPP));
        assertThat(reply.sender()).isEqualTo(Jid.of(b, Jid.WHATSAPP));
        assertThat(reply.senderLid()).isNotNull();
        assertThat(reply.senderLid().server()).isEqualTo(Jid.LID);
        assertThat(reply.type()).isEqualTo("text");
        assertThat(reply.fromMe()).isFalse();
        // the phone's app-state key share (§8.6), a peer message before the first login's offline marker, was
        // decrypted and answered without an undecryptable report, and is not reported as a received message
        assertThat(s.events().undecryptable).isEmpty();
        assertThat(s.events().received).extracting(IncomingMessage::type).containsOnly("text");

        // established sessions both ways, and a LID-addressed send
        String lid = server.admin().get("phones/" + b).body().path("lid").asString();
        String second = newId();
        s.client().sendText(second, Jid.parse(lid), "by lid").get(20, TimeUnit.SECONDS);
        server.awaitMessages(b, body -> hasText(body, "by lid"));
        server.sendText(b, s.number(), "again");
        await(() -> s.events().receivedText("again") != null, "the second reply");
        assertThat(s.events().undecryptable).isEmpty();
        assertThat(server.admin().get("phones/" + b + "/messages").body().path("undecryptable").asInt()).isZero();
        s.client().close();
    }

    @Test
    void sendsToAGroupAndReceivesFromIt() throws Exception {
        Session s = pairedSession();
        String a = server.newPhone();
        String b = server.newPhone();
        AdminClient.Reply created = server.admin().post("groups", "{\"subject\":\"E2E\",\"participants\":[\"" + a + "\",\""
                + b + "\",\"" + s.number() + "\"]}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Jid group = Jid.parse(created.body().path("jid").asString());

        String id = newId();
        s.client().sendText(id, group, "hello group").get(20, TimeUnit.SECONDS);
        server.awaitMessages(a, body -> hasText(body, "hello group"));
        server.awaitMessages(b, body -> hasText(body, "hello group"));
        await(() -> s.events().hasStatus(id, DeliveryStatus.DELIVERED), "a group delivery");
        String second = newId();
        s.client().sendText(second, group, "second to group").get(20, TimeUnit.SECONDS);
        server.awaitMessages(b, body -> hasText(body, "second to group"));

        server.sendText(a, group.toString(), "hi from a");
        await(() -> s.events().receivedText("hi from a") != null, "the group message");
        IncomingMessage m = s.events().receivedText("hi from a");
        assertThat(m.chat()).isEqualTo(group);
        assertThat(m.sender()).isEqualTo(Jid.of(a, Jid.WHATSAPP));
        server.sendText(a, group.toString(), "more from a");
        await(() -> s.events().receivedText("more from a") != null, "the second group message");
        assertThat(s.events().undecryptable).isEmpty();
        s.client().close();
    }

    @Test
    void messagesAndReceiptsWaitWhileTheClientIsAwayAndSessionsSurviveARestart() throws Exception {
        Session s = pairedSession();
        String b = server.newPhone();
        String id = newId();
        s.client().sendText(id, Jid.of(b, Jid.WHATSAPP), "before restart").get(20, TimeUnit.SECONDS);
        server.awaitMessages(b, body -> hasText(body, "before restart"));
        await(() -> s.events().hasStatus(id, DeliveryStatus.DELIVERED), "delivered");
        s.client().close();
        await(() -> !s.events().closed.isEmpty(), "closed");

        assertThat(server.admin().post("phones/" + b + "/read", "{\"messageIds\":[\"" + id + "\"]}").status()).isEqualTo(200);
        server.sendText(b, s.number(), "while away");

        Session back = restart(s);
        await(() -> back.events().hasStatus(id, DeliveryStatus.READ), "the read receipt after the restart");
        await(() -> back.events().receivedText("while away") != null, "the queued message");
        String after = newId();
        back.client().sendText(after, Jid.of(b, Jid.WHATSAPP), "after restart").get(20, TimeUnit.SECONDS);
        server.awaitMessages(b, body -> hasText(body, "after restart"));
        assertThat(back.events().undecryptable).isEmpty();
        back.client().close();
    }

    @Test
    void aTamperedCiphertextIsRetriedAndTheSessionKeepsWorking() throws Exception {
        Session s = pairedSession();
        String b = server.newPhone();
        server.sendText(b, s.number(), "first");
        await(() -> s.events().receivedText("first") != null, "the first message");
        // a reply acknowledges the phone's session: its next message is a msg, whose MAC the fault breaks (the
        // emulator flips a pkmsg's last byte, which is not part of the MAC)
        s.client().sendText(newId(), Jid.of(b, Jid.WHATSAPP), "reply").get(20, TimeUnit.SECONDS);
        server.awaitMessages(b, body -> hasText(body, "reply"));
        String device = server.admin().get("phones/" + s.number()).body().path("devices").get(0).path("jid").asString();
        AdminClient.Reply fault = server.admin().post("faults", "{\"tamper\":{\"phone\":\"" + b + "\",\"deviceJid\":\""
                + device + "\"}}");
        assertThat(fault.status()).as(fault.body().toString()).isEqualTo(200);

        String tampered = server.sendText(b, s.number(), "tampered");
        await(() -> s.events().undecryptable.contains(tampered), "the undecryptable report");
        // the retry receipt made the phone re-encrypt it
        await(() -> s.events().receivedText("tampered") != null, "the resent message");
        assertThat(s.events().receivedText("tampered").messageId()).isEqualTo(tampered);
        server.sendText(b, s.number(), "after the fault");
        await(() -> s.events().receivedText("after the fault") != null, "a later message");
        String id = newId();
        s.client().sendText(id, Jid.of(b, Jid.WHATSAPP), "still works").get(20, TimeUnit.SECONDS);
        server.awaitMessages(b, body -> hasText(body, "still works"));
        s.client().close();
    }

    @Test
    void aCompanionLinkedLaterIsReachedAfterTheDevicesNotification() throws Exception {
        long start = System.nanoTime();
        Session s = pairedSession();
        String b = server.newPhone();
        Jid bJid = Jid.of(b, Jid.WHATSAPP);
        // the client learns (and caches, for 5 minutes) b's device list: only the phone
        s.client().sendText(newId(), bJid, "before the link").get(20, TimeUnit.SECONDS);
        server.awaitMessages(b, body -> hasText(body, "before the link"));

        // b links a companion of its own: our client again, as a second account's device
        Session b2 = pairedSession(b);
        // the emulator handed the <notification type="devices"> to s's connection before the link call returned; a
        // message b's phone sends now is written behind it, so once s has it, s has handled the notification
        server.sendText(b, s.number(), "after the link");
        await(() -> s.events().receivedText("after the link") != null, "b's message after the link");

        String id = newId();
        s.client().sendText(id, bJid, "to every device of b").get(20, TimeUnit.SECONDS);
        await(() -> b2.events().receivedText("to every device of b") != null, "the new companion's copy");
        IncomingMessage atB2 = b2.events().receivedText("to every device of b");
        assertThat(atB2.messageId()).isEqualTo(id);
        assertThat(atB2.sender()).isEqualTo(Jid.of(s.number(), Jid.WHATSAPP));
        server.awaitMessages(b, body -> hasText(body, "to every device of b"));
        assertThat(b2.events().undecryptable).isEmpty();
        // well inside the client's 5-minute device cache: the notification, not expiry, made it ask again
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(4));
        s.client().close();
        b2.client().close();
    }
}
