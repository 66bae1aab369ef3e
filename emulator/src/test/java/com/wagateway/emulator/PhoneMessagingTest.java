package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Virtual phones as Signal devices through the server: phone ↔ phone 1:1 and in a group (both directions,
 * with statuses from receipts), and phone ↔ a companion holding its own Signal state (the in-house
 * {@code signal} package, as the worker's client does): pkmsg setup, replies, read receipts, and a tampered
 * ciphertext that the companion asks to retry and then decrypts.
 */
class PhoneMessagingTest {

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

    static String send(String from, String to, String text) {
        AdminClient.Reply reply = admin.post("phones/" + from + "/messages",
                "{\"to\":\"" + to + "\",\"text\":\"" + text + "\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.body().path("id").asString();
    }

    static JsonNode awaitMessages(String phone, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            body = admin.get("phones/" + phone + "/messages").body();
            if (until.test(body)) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not reached: " + body);
    }

    static boolean hasText(JsonNode body, String text) {
        for (JsonNode m : body.path("messages")) {
            if (text.equals(m.path("text").asString())) {
                return true;
            }
        }
        return false;
    }

    static String status(JsonNode body, String id) {
        for (JsonNode m : body.path("sent")) {
            if (id.equals(m.path("id").asString())) {
                return m.path("status").asString();
            }
        }
        return null;
    }

    @Test
    void phonesExchangeOneToOneAndReceiptsMoveTheStatus() throws Exception {
        String a = Pairings.newPhone(admin);
        String b = Pairings.newPhone(admin);
        String id = send(a, b, "hello b");
        JsonNode atB = awaitMessages(b, body -> hasText(body, "hello b"));
        JsonNode received = atB.path("messages").get(0);
        assertThat(received.path("id").asString()).isEqualTo(id);
        assertThat(received.path("from").asString()).isEqualTo(a + "@s.whatsapp.net");
        assertThat(received.path("type").asString()).isEqualTo("text");
        awaitMessages(a, body -> "delivered".equals(status(body, id)));

        assertThat(admin.post("phones/" + b + "/read", "{\"messageIds\":[\"" + id + "\"]}").status()).isEqualTo(200);
        awaitMessages(a, body -> "read".equals(status(body, id)));

        // the other way, addressed by LID
        String aLid = admin.get("phones/" + a).body().path("lid").asString();
        String back = send(b, aLid, "hello a");
        awaitMessages(a, body -> hasText(body, "hello a"));
        awaitMessages(b, body -> "delivered".equals(status(body, back)));
        // a second message on the established sessions
        send(a, b, "again");
        awaitMessages(b, body -> hasText(body, "again"));
        assertThat(admin.get("phones/" + b + "/messages").body().path("undecryptable").asInt()).isZero();
    }

    @Test
    void aGroupOfThreePhonesAndACompanionWorksInBothDirections() throws Exception {
        String a = Pairings.newPhone(admin);
        String b = Pairings.newPhone(admin);
        String c = Pairings.newPhone(admin);
        String x = Pairings.newPhone(admin);
        SignalCompanion companion = SignalCompanion.login(Pairings.pairByQr(emulator, admin, x));
        AdminClient.Reply created = admin.post("groups", "{\"subject\":\"Three\",\"participants\":[\"" + a + "\",\""
                + b + "\",\"" + c + "\",\"" + x + "\"]}");
        String group = created.body().path("jid").asString();

        String first = send(a, group, "hi group");
        awaitMessages(b, body -> hasText(body, "hi group"));
        awaitMessages(c, body -> hasText(body, "hi group"));
        awaitMessages(x, body -> hasText(body, "hi group")); // the companion's own phone is a member device
        assertThat(companion.receiveText(first)).isEqualTo("hi group");

        send(c, group, "hi from c");
        awaitMessages(a, body -> hasText(body, "hi from c"));
        awaitMessages(b, body -> hasText(body, "hi from c"));
        assertThat(companion.receiveText(null)).isEqualTo("hi from c");
        // a's second message uses the sender key the others already hold (no pairwise part)
        String second = send(a, group, "second");
        awaitMessages(b, body -> hasText(body, "second"));
        Node stanza = companion.conn.await(n -> n.tag().equals("message") && second.equals(n.attr("id")));
        assertThat(stanza.children()).extracting(Node::tag, n -> n.attr("type")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("enc", "skmsg"));
        assertThat(companion.decrypt(stanza)).isEqualTo("second");
        companion.conn.close();
    }

    @Test
    void aPhoneAndASignalCompanionExchangeAndATamperedCiphertextIsRetried() throws Exception {
        String b = Pairings.newPhone(admin);
        String x = Pairings.newPhone(admin);
        Pairings.Paired paired = Pairings.pairByQr(emulator, admin, x);
        SignalCompanion companion = SignalCompanion.login(paired);

        String id = send(b, x, "to the companion");
        assertThat(companion.receiveText(id)).isEqualTo("to the companion");
        awaitMessages(b, body -> "delivered".equals(status(body, id)));

        String reply = companion.sendText(b, "reply from companion");
        awaitMessages(b, body -> hasText(body, "reply from companion"));
        Node delivered = companion.conn.await(n -> n.tag().equals("receipt") && reply.equals(n.attr("id")));
        assertThat(delivered.attr("type")).isNull();
        assertThat(delivered.attr("from")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(admin.post("phones/" + b + "/read", "{\"messageIds\":[\"" + reply + "\"]}").status()).isEqualTo(200);
        Node read = companion.conn.await(n -> n.tag().equals("receipt") && reply.equals(n.attr("id")));
        assertThat(read.attr("type")).isEqualTo("read");

        // tamper with the next ciphertext b sends to the companion: it fails, is retried, then decrypts
        AdminClient.Reply armed = admin.post("faults", "{\"tamper\":{\"phone\":\"" + b + "\",\"deviceJid\":\""
                + paired.deviceJid() + "\"}}");
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);
        String tampered = send(b, x, "tampered once");
        Node bad = companion.conn.await(n -> n.tag().equals("message") && tampered.equals(n.attr("id")));
        try {
            companion.decrypt(bad);
            throw new AssertionError("a tampered ciphertext decrypted");
        } catch (SignalException expected) {
            assertThat(expected.reason()).isEqualTo(SignalException.Reason.BAD_MAC);
        }
        companion.ack(bad);
        companion.conn.send(Node.of("receipt", Attributes.of("id", tampered, "to", bad.attr("from"), "type", "retry"),
                List.of(Node.of("retry", Attributes.of("count", "1", "id", tampered, "t", "1", "v", "1", "error", "0")),
                        Node.of("registration", Attributes.empty(), new byte[] {0, 0, 4, (byte) 210}))));
        Node resent = companion.conn.await(n -> n.tag().equals("message") && tampered.equals(n.attr("id")));
        assertThat(resent.child("enc").attr("count")).isEqualTo("1");
        assertThat(companion.decrypt(resent)).isEqualTo("tampered once");
        String after = send(b, x, "still working");
        assertThat(companion.receiveText(after)).isEqualTo("still working");
        companion.conn.close();
    }

    /** A companion with its own Signal state, built from the whatsapp module's signal package. */
    static final class SignalCompanion {
        final Pairings.Paired paired;
        final TestCompanion.Conn conn;
        final InMemorySignalStore store;

        private SignalCompanion(Pairings.Paired paired, TestCompanion.Conn conn, InMemorySignalStore store) {
            this.paired = paired;
            this.conn = conn;
            this.store = store;
        }

        static SignalCompanion login(Pairings.Paired paired) {
            TestCompanion tc = paired.companion();
            InMemorySignalStore store = new InMemorySignalStore(tc.identity, tc.registrationId);
            store.addSignedPreKey(new SignedPreKey(1, tc.signedPreKey,
                    XEdDsa.sign(tc.identity.privateKey(), tc.signedPreKey.typedPublicKey())));
            TestCompanion.Conn conn = Pairings.login(emulator, paired);
            List<Node> keys = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                var pair = Curve25519.generateKeyPair(TestCompanion.RANDOM);
                store.addPreKey(i, pair);
                keys.add(Node.of("key", Attributes.empty(), List.of(
                        Node.of("id", Attributes.empty(), new byte[] {0, 0, (byte) i}),
                        Node.of("value", Attributes.empty(), pair.publicKey()))));
            }
            assertThat(conn.iq("encrypt", "set", Node.of("list", Attributes.empty(), keys)).attr("type"))
                    .isEqualTo("result");
            return new SignalCompanion(paired, conn, store);
        }

        /** Waits for a message (by id, or the next one), decrypts it, sends the receipt and ack. */
        String receiveText(String id) throws Exception {
            Node stanza = conn.await(n -> n.tag().equals("message") && (id == null || id.equals(n.attr("id"))));
            String text = decrypt(stanza);
            Attributes.Builder receipt = Attributes.builder().put("id", stanza.attr("id")).put("to", stanza.attr("from"));
            if (stanza.attr("participant") != null) {
                receipt.put("participant", stanza.attr("participant"));
            }
            conn.send(Node.of("receipt", receipt.build()));
            ack(stanza);
            return text;
        }

        void ack(Node stanza) {
            conn.send(Node.of("ack", Attributes.of("id", stanza.attr("id"), "class", "message", "to", stanza.attr("from"))));
        }

        String decrypt(Node stanza) throws Exception {
            boolean group = stanza.attr("from").endsWith("@g.us");
            Jid sender = Jid.parse(group ? stanza.attr("participant") : stanza.attr("from"));
            SignalAddress address = SignalAddress.of(sender);
            String text = null;
            for (Node enc : stanza.children()) {
                if (!enc.tag().equals("enc")) {
                    continue;
                }
                MessageKind kind = MessageKind.fromWire(enc.attr("type"));
                byte[] padded = kind == MessageKind.SKMSG
                        ? GroupCipher.decrypt(store, new SenderKeyName(stanza.attr("from"), address),
                                TestCompanion.data(enc), SessionCipher.DEFAULT_MAX_SKIPPED_KEYS)
                        : new SessionCipher(store, address, TestCompanion.RANDOM, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS)
                                .decrypt(kind, TestCompanion.data(enc));
                Message m = Message.parseFrom(MessagePadding.unpad(padded));
                if (m.hasSenderKeyDistributionMessage()) {
                    GroupCipher.processDistributionMessage(store,
                            new SenderKeyName(m.getSenderKeyDistributionMessage().getGroupId(), address),
                            m.getSenderKeyDistributionMessage().getAxolotlSenderKeyDistributionMessage().toByteArray());
                }
                if (m.hasConversation()) {
                    text = m.getConversation();
                }
            }
            return text;
        }

        /** Sends text to a phone's device 0 on the session that phone set up (a reply: no bundle needed). */
        String sendText(String phone, String text) throws Exception {
            String id = "3EB0" + java.util.HexFormat.of().withUpperCase().formatHex(TestCompanion.RANDOM.bytes(9));
            String jid = phone + "@s.whatsapp.net";
            EncryptedMessage encrypted = new SessionCipher(store, SignalAddress.of(Jid.parse(jid)), TestCompanion.RANDOM,
                    SessionCipher.DEFAULT_MAX_SKIPPED_KEYS).encrypt(MessagePadding.pad(
                    Message.newBuilder().setConversation(text).build().toByteArray(), TestCompanion.RANDOM));
            conn.send(Node.of("message", Attributes.of("id", id, "type", "text", "to", jid), List.of(
                    Node.of("participants", Attributes.empty(), List.of(Node.of("to", Attributes.of("jid", jid), List.of(
                            Node.of("enc", Attributes.of("v", "2", "type", encrypted.kind().wire()),
                                    encrypted.serialized()))))))));
            // the phone's receipt may come before the server's ack: keep it for the caller's await
            Node ack = conn.awaitKeeping(n -> n.tag().equals("ack") && id.equals(n.attr("id")));
            assertThat(ack.attr("error")).isNull();
            return id;
        }
    }
}
