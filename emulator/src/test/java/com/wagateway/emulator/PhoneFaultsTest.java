package com.wagateway.emulator;

import static com.wagateway.emulator.PhoneMessages.status;
import static com.wagateway.emulator.PhoneMessages.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults of the virtual phones: a phone offline then online (stanzas held in its persistent queue, processed in
 * order when it is back, across a restart; sends refused meanwhile), and the tamper fault on both ciphertext
 * kinds, decrypted by a companion holding its own state in the in-house {@code signal} package.
 */
class PhoneFaultsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture();

    @Test
    void anOfflinePhoneGetsWhatWasHeldWhenBackEvenAfterARestartAndSendsNothingMeanwhile(@TempDir Path dir)
            throws Exception {
        Emulator first = Emulator.start(EmulatorConfig.defaults(dir).withPort(0));
        AdminClient api = new AdminClient(first.adminUrl());
        String a = Pairings.newPhone(api);
        String b = Pairings.newPhone(api);
        AdminClient.Reply offline = api.post("phones/" + b + "/offline", "");
        assertThat(offline.status()).as(offline.body().toString()).isEqualTo(200);
        assertThat(offline.body().path("online").asBoolean(true)).isFalse();
        assertThat(api.get("phones/" + b).body().path("online").asBoolean(true)).isFalse();
        assertThat(api.get("phones/" + a).body().path("online").asBoolean(false)).isTrue();

        String one = api.sendText(a, b, "while away");
        String two = api.sendText(a, b, "still away");
        // held in b's queue file, in order, exactly like stanzas for an offline companion
        assertThat(queued(dir, b)).containsExactly("message:" + one, "message:" + two);
        assertThat(texts(api.get("phones/" + b + "/messages").body())).isEmpty();
        assertThat(status(api.get("phones/" + a + "/messages").body(), one)).isEqualTo("sent");

        AdminClient.Reply refused = api.post("phones/" + b + "/messages", "{\"to\":\"" + a + "\",\"text\":\"no\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).contains("offline");
        AdminClient.Reply notRead = api.post("phones/" + b + "/read", "{\"messageIds\":[\"" + one + "\"]}");
        assertThat(notRead.status()).isEqualTo(409);
        assertThat(texts(api.get("phones/" + a + "/messages").body())).isEmpty();

        AdminClient.Reply back = api.post("phones/" + b + "/online", "");
        assertThat(back.status()).as(back.body().toString()).isEqualTo(200);
        assertThat(back.body().path("online").asBoolean(false)).isTrue();
        assertThat(back.body().path("delivered").asInt()).isEqualTo(2);
        // online answers once the phone has processed them: both are there, in order, and acknowledged
        assertThat(texts(api.get("phones/" + b + "/messages").body())).containsExactly("while away", "still away");
        assertThat(Files.exists(queueFile(dir, b))).isFalse();
        api.awaitMessages(a, body -> "delivered".equals(status(body, one)) && "delivered".equals(status(body, two)));
        assertThat(api.post("phones/" + b + "/online", "").body().path("delivered").asInt()).isZero();

        // the offline state and what is held survive a restart (what phones received is kept in memory only)
        assertThat(api.post("phones/" + b + "/offline", "").status()).isEqualTo(200);
        String three = api.sendText(a, b, "across a restart");
        assertThat(queued(dir, b)).containsExactly("message:" + three);
        first.close();
        Emulator second = Emulator.start(EmulatorConfig.defaults(dir).withPort(0));
        try {
            AdminClient restarted = new AdminClient(second.adminUrl());
            assertThat(restarted.get("phones/" + b).body().path("online").asBoolean(true)).isFalse();
            assertThat(restarted.post("phones/" + b + "/messages", "{\"to\":\"" + a + "\",\"text\":\"no\"}")
                    .status()).isEqualTo(409);
            assertThat(restarted.post("phones/" + b + "/online", "").body().path("delivered").asInt()).isEqualTo(1);
            assertThat(texts(restarted.get("phones/" + b + "/messages").body())).containsExactly("across a restart");
            String reply = restarted.sendText(b, a, "back again");
            restarted.awaitMessages(a, body -> texts(body).contains("back again"));
            restarted.awaitMessages(b, body -> "delivered".equals(status(body, reply)));
        } finally {
            second.close();
        }
    }

    @Test
    void aCompanionsMessageToAnOfflinePhoneIsDeliveredOnlyWhenThePhoneIsBack() throws Exception {
        String b = server.newPhone();
        String x = server.newPhone();
        SignalDevice companion = SignalDevice.login(server.pairByQr(x), 0);
        String hello = server.sendText(b, x, "hello companion");
        assertThat(companion.receiveText(hello)).isEqualTo("hello companion");

        assertThat(server.admin().post("phones/" + b + "/offline", "").status()).isEqualTo(200);
        String reply = companion.sendText(b, "reply to an offline phone");
        // the server acks a companion's message before it hands the copies on, so the ack alone does not mean queued
        awaitQueued(server.data(), b, List.of("message:" + reply));
        // GET …/messages answers once the phone has processed everything handed to it, and it routes a receipt on that
        // same worker: had the message reached it, its receipt would be on the companion's connection by then. The
        // server writes a connection's stanzas in order, so the answer to a ping sent afterwards comes behind it.
        assertThat(texts(server.admin().get("phones/" + b + "/messages").body())).doesNotContain("reply to an offline phone");
        Pairings.processed(companion.conn);
        Predicate<Node> receipt = n -> n.tag().equals("receipt") && reply.equals(n.attr("id"));
        assertThat(companion.conn.nodes.stream().noneMatch(receipt)).isTrue();
        assertThat(companion.conn.seen.stream().noneMatch(receipt)).isTrue();

        AdminClient.Reply back = server.admin().post("phones/" + b + "/online", "");
        assertThat(back.body().path("delivered").asInt()).isEqualTo(1);
        Node delivered = companion.conn.await(receipt);
        assertThat(delivered.attr("type")).isNull();
        assertThat(delivered.attr("from")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(texts(server.admin().get("phones/" + b + "/messages").body())).contains("reply to an offline phone");
        companion.conn.close();
    }

    @Test
    void tamperedPkmsgAndMsgAreBothUndecryptableAndEachRetryDecrypts() throws Exception {
        String b = server.newPhone();
        String x = server.newPhone();
        Pairings.Paired paired = server.pairByQr(x);
        SignalDevice companion = SignalDevice.login(paired, 3);

        // the first message sets the session up: a pkmsg
        arm(b, paired.deviceJid());
        String first = server.sendText(b, x, "first, tampered");
        Node bad = companion.conn.await(n -> n.tag().equals("message") && first.equals(n.attr("id")));
        assertThat(bad.child("enc").attr("type")).isEqualTo("pkmsg");
        assertThat(companion.failure(bad).reason()).isEqualTo(SignalException.Reason.BAD_MAC);
        Node resent = companion.retry(bad);
        assertThat(resent.child("enc").attr("type")).isEqualTo("pkmsg");
        assertThat(companion.decrypt(resent)).isEqualTo("first, tampered");

        // once the companion answered, the phone sends msg
        String reply = companion.sendText(b, "reply");
        server.awaitMessages(b, body -> texts(body).contains("reply"));
        arm(b, paired.deviceJid());
        String second = server.sendText(b, x, "second, tampered");
        Node bad2 = companion.conn.await(n -> n.tag().equals("message") && second.equals(n.attr("id")));
        assertThat(bad2.child("enc").attr("type")).isEqualTo("msg");
        assertThat(companion.failure(bad2).reason()).isEqualTo(SignalException.Reason.BAD_MAC);
        assertThat(companion.decrypt(companion.retry(bad2))).isEqualTo("second, tampered");
        String after = server.sendText(b, x, "untouched");
        assertThat(companion.receiveText(after)).isEqualTo("untouched");
        assertThat(reply).isNotBlank();
        companion.conn.close();
    }

    private static void arm(String phone, String deviceJid) {
        AdminClient.Reply armed = server.admin().tamper(phone, deviceJid);
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);
    }

    private static Path queueFile(Path dir, String phone) {
        return dir.resolve("queues").resolve(phone).resolve("0.json");
    }

    /** {@code kind:id} of what waits in the phone's queue file, oldest first. */
    private static void awaitQueued(Path dir, String phone, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!queued(dir, phone).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(queued(dir, phone)).containsExactlyElementsOf(expected);
    }

    private static List<String> queued(Path dir, String phone) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode s : JSON.readTree(Files.readAllBytes(queueFile(dir, phone))).path("stanzas")) {
            out.add(s.path("kind").asString() + ":" + s.path("id").asString());
        }
        return out;
    }

    /** A linked companion with its own Signal state (the whatsapp module's signal package), 1:1 only. */
    static final class SignalDevice {
        final TestCompanion.Conn conn;
        final InMemorySignalStore store;

        private SignalDevice(TestCompanion.Conn conn, InMemorySignalStore store) {
            this.conn = conn;
            this.store = store;
        }

        /** Logs in and uploads {@code preKeys} one-time pre-keys (0: bundles carry the signed pre-key only). */
        static SignalDevice login(Pairings.Paired paired, int preKeys) {
            InMemorySignalStore store = CompanionSignal.store(paired.companion());
            TestCompanion.Conn conn = server.login(paired);
            if (preKeys > 0) {
                assertThat(conn.iq("encrypt", "set", CompanionSignal.preKeys(store, preKeys)).attr("type"))
                        .isEqualTo("result");
            }
            return new SignalDevice(conn, store);
        }

        String decrypt(Node stanza) throws Exception {
            Node enc = stanza.child("enc");
            byte[] padded = cipher(stanza.attr("from")).decrypt(MessageKind.fromWire(enc.attr("type")),
                    TestCompanion.data(enc));
            return Message.parseFrom(MessagePadding.unpad(padded)).getConversation();
        }

        SignalException failure(Node stanza) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> decrypt(stanza));
            assertThat(thrown).as("a tampered ciphertext decrypted").isInstanceOf(SignalException.class);
            return (SignalException) thrown;
        }

        /** Waits for a message by id, decrypts it, sends the receipt and the ack. */
        String receiveText(String id) throws Exception {
            Node stanza = conn.await(n -> n.tag().equals("message") && id.equals(n.attr("id")));
            String text = decrypt(stanza);
            conn.send(Node.of("receipt", Attributes.of("id", id, "to", stanza.attr("from"))));
            ack(stanza);
            return text;
        }

        /** Acks an undecryptable message, asks for it again (§10.7) and returns the resent stanza. */
        Node retry(Node stanza) {
            String id = stanza.attr("id");
            ack(stanza);
            conn.send(Node.of("receipt", Attributes.of("id", id, "to", stanza.attr("from"), "type", "retry"),
                    List.of(Node.of("retry", Attributes.of("count", "1", "id", id, "t", "1", "v", "1", "error", "0")),
                            Node.of("registration", Attributes.empty(), new byte[] {0, 0, 4, (byte) 210}))));
            Node resent = conn.awaitKeeping(n -> n.tag().equals("message") && id.equals(n.attr("id")));
            assertThat(resent.child("enc").attr("count")).isEqualTo("1");
            ack(resent);
            return resent;
        }

        void ack(Node stanza) {
            CompanionSignal.ack(conn, stanza);
        }

        String sendText(String phone, String text) throws Exception {
            return CompanionSignal.sendText(conn, store, phone, text);
        }

        private SessionCipher cipher(String jid) {
            return new SessionCipher(store, SignalAddress.of(Jid.parse(jid)), TestCompanion.RANDOM,
                    SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
        }
    }
}
