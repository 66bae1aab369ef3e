package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    @TempDir
    static Path data;
    static Emulator emulator;
    static AdminClient admin;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults(data).withPort(0));
        admin = new AdminClient(emulator.adminUrl());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

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

        String one = send(api, a, b, "while away");
        String two = send(api, a, b, "still away");
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
        awaitMessages(api, a, body -> "delivered".equals(status(body, one)) && "delivered".equals(status(body, two)));
        assertThat(api.post("phones/" + b + "/online", "").body().path("delivered").asInt()).isZero();

        // the offline state and what is held survive a restart (what phones received is kept in memory only)
        assertThat(api.post("phones/" + b + "/offline", "").status()).isEqualTo(200);
        String three = send(api, a, b, "across a restart");
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
            String reply = send(restarted, b, a, "back again");
            awaitMessages(restarted, a, body -> texts(body).contains("back again"));
            awaitMessages(restarted, b, body -> "delivered".equals(status(body, reply)));
        } finally {
            second.close();
        }
    }

    @Test
    void aCompanionsMessageToAnOfflinePhoneIsDeliveredOnlyWhenThePhoneIsBack() throws Exception {
        String b = Pairings.newPhone(admin);
        String x = Pairings.newPhone(admin);
        SignalDevice companion = SignalDevice.login(Pairings.pairByQr(emulator, admin, x), 0);
        String hello = send(admin, b, x, "hello companion");
        assertThat(companion.receiveText(hello)).isEqualTo("hello companion");

        assertThat(admin.post("phones/" + b + "/offline", "").status()).isEqualTo(200);
        String reply = companion.sendText(b, "reply to an offline phone");
        assertThat(queued(data, b)).containsExactly("message:" + reply);
        Thread.sleep(300); // a receipt sent now would be on its way already
        Predicate<Node> receipt = n -> n.tag().equals("receipt") && reply.equals(n.attr("id"));
        assertThat(companion.conn.nodes.stream().noneMatch(receipt)).isTrue();
        assertThat(companion.conn.seen.stream().noneMatch(receipt)).isTrue();
        assertThat(texts(admin.get("phones/" + b + "/messages").body())).doesNotContain("reply to an offline phone");

        AdminClient.Reply back = admin.post("phones/" + b + "/online", "");
        assertThat(back.body().path("delivered").asInt()).isEqualTo(1);
        Node delivered = companion.conn.await(receipt);
        assertThat(delivered.attr("type")).isNull();
        assertThat(delivered.attr("from")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(texts(admin.get("phones/" + b + "/messages").body())).contains("reply to an offline phone");
        companion.conn.close();
    }

    @Test
    void tamperedPkmsgAndMsgAreBothUndecryptableAndEachRetryDecrypts() throws Exception {
        String b = Pairings.newPhone(admin);
        String x = Pairings.newPhone(admin);
        Pairings.Paired paired = Pairings.pairByQr(emulator, admin, x);
        SignalDevice companion = SignalDevice.login(paired, 3);

        // the first message sets the session up: a pkmsg
        arm(b, paired.deviceJid());
        String first = send(admin, b, x, "first, tampered");
        Node bad = companion.conn.await(n -> n.tag().equals("message") && first.equals(n.attr("id")));
        assertThat(bad.child("enc").attr("type")).isEqualTo("pkmsg");
        assertThat(companion.failure(bad).reason()).isEqualTo(SignalException.Reason.BAD_MAC);
        Node resent = companion.retry(bad);
        assertThat(resent.child("enc").attr("type")).isEqualTo("pkmsg");
        assertThat(companion.decrypt(resent)).isEqualTo("first, tampered");

        // once the companion answered, the phone sends msg
        String reply = companion.sendText(b, "reply");
        awaitMessages(admin, b, body -> texts(body).contains("reply"));
        arm(b, paired.deviceJid());
        String second = send(admin, b, x, "second, tampered");
        Node bad2 = companion.conn.await(n -> n.tag().equals("message") && second.equals(n.attr("id")));
        assertThat(bad2.child("enc").attr("type")).isEqualTo("msg");
        assertThat(companion.failure(bad2).reason()).isEqualTo(SignalException.Reason.BAD_MAC);
        assertThat(companion.decrypt(companion.retry(bad2))).isEqualTo("second, tampered");
        String after = send(admin, b, x, "untouched");
        assertThat(companion.receiveText(after)).isEqualTo("untouched");
        assertThat(reply).isNotBlank();
        companion.conn.close();
    }

    private static void arm(String phone, String deviceJid) {
        AdminClient.Reply armed = admin.post("faults", "{\"tamper\":{\"phone\":\"" + phone + "\",\"deviceJid\":\""
                + deviceJid + "\"}}");
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);
    }

    static String send(AdminClient api, String from, String to, String text) {
        AdminClient.Reply reply = api.post("phones/" + from + "/messages",
                "{\"to\":\"" + to + "\",\"text\":\"" + text + "\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.body().path("id").asString();
    }

    static JsonNode awaitMessages(AdminClient api, String phone, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            body = api.get("phones/" + phone + "/messages").body();
            if (until.test(body)) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not reached: " + body);
    }

    static List<String> texts(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            out.add(m.path("text").asString());
        }
        return out;
    }

    static String status(JsonNode body, String id) {
        for (JsonNode m : body.path("sent")) {
            if (id.equals(m.path("id").asString())) {
                return m.path("status").asString();
            }
        }
        return null;
    }

    private static Path queueFile(Path dir, String phone) {
        return dir.resolve("queues").resolve(phone).resolve("0.json");
    }

    /** {@code kind:id} of what waits in the phone's queue file, oldest first. */
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
            TestCompanion tc = paired.companion();
            InMemorySignalStore store = new InMemorySignalStore(tc.identity, tc.registrationId);
            store.addSignedPreKey(new SignedPreKey(1, tc.signedPreKey,
                    XEdDsa.sign(tc.identity.privateKey(), tc.signedPreKey.typedPublicKey())));
            TestCompanion.Conn conn = Pairings.login(emulator, paired);
            if (preKeys > 0) {
                List<Node> keys = new ArrayList<>();
                for (int i = 1; i <= preKeys; i++) {
                    var pair = Curve25519.generateKeyPair(TestCompanion.RANDOM);
                    store.addPreKey(i, pair);
                    keys.add(Node.of("key", Attributes.empty(), List.of(
                            Node.of("id", Attributes.empty(), new byte[] {0, 0, (byte) i}),
                            Node.of("value", Attributes.empty(), pair.publicKey()))));
                }
                assertThat(conn.iq("encrypt", "set", Node.of("list", Attributes.empty(), keys)).attr("type"))
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
            conn.send(Node.of("ack", Attributes.of("id", stanza.attr("id"), "class", "message", "to",
                    stanza.attr("from"))));
        }

        /** Sends text to a phone's device 0 on the session that phone set up; returns once the server acked it. */
        String sendText(String phone, String text) throws Exception {
            String id = "3EB0" + HexFormat.of().withUpperCase().formatHex(TestCompanion.RANDOM.bytes(9));
            String jid = phone + "@s.whatsapp.net";
            EncryptedMessage encrypted = cipher(jid).encrypt(MessagePadding.pad(
                    Message.newBuilder().setConversation(text).build().toByteArray(), TestCompanion.RANDOM));
            conn.send(Node.of("message", Attributes.of("id", id, "type", "text", "to", jid), List.of(
                    Node.of("participants", Attributes.empty(), List.of(Node.of("to", Attributes.of("jid", jid), List.of(
                            Node.of("enc", Attributes.of("v", "2", "type", encrypted.kind().wire()),
                                    encrypted.serialized()))))))));
            Node ack = conn.awaitKeeping(n -> n.tag().equals("ack") && id.equals(n.attr("id")));
            assertThat(ack.attr("error")).isNull();
            return id;
        }

        private SessionCipher cipher(String jid) {
            return new SessionCipher(store, SignalAddress.of(Jid.parse(jid)), TestCompanion.RANDOM,
                    SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
        }
    }
}
