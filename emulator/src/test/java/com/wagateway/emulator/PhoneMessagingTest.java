package com.wagateway.emulator;

import static com.wagateway.emulator.PhoneMessages.hasText;
import static com.wagateway.emulator.PhoneMessages.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.SignalException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Virtual phones as Signal devices through the server: phone ↔ phone 1:1 and in a group (both directions,
 * with statuses from receipts), and phone ↔ a companion holding its own Signal state (the in-house
 * {@code signal} package, as the worker's client does): pkmsg setup, replies, read receipts, and a tampered
 * ciphertext that the companion asks to retry and then decrypts.
 */
class PhoneMessagingTest {

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture();

    @Test
    void phonesExchangeOneToOneAndReceiptsMoveTheStatus() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        String id = server.sendText(a, b, "hello b");
        JsonNode atB = server.awaitMessages(b, body -> hasText(body, "hello b"));
        JsonNode received = atB.path("messages").get(0);
        assertThat(received.path("id").asString()).isEqualTo(id);
        assertThat(received.path("from").asString()).isEqualTo(a + "@s.whatsapp.net");
        assertThat(received.path("type").asString()).isEqualTo("text");
        server.awaitMessages(a, body -> "delivered".equals(status(body, id)));

        assertThat(server.admin().post("phones/" + b + "/read", "{\"messageIds\":[\"" + id + "\"]}").status()).isEqualTo(200);
        server.awaitMessages(a, body -> "read".equals(status(body, id)));

        // the other way, addressed by LID
        String aLid = server.admin().get("phones/" + a).body().path("lid").asString();
        String back = server.sendText(b, aLid, "hello a");
        server.awaitMessages(a, body -> hasText(body, "hello a"));
        server.awaitMessages(b, body -> "delivered".equals(status(body, back)));
        // a second message on the established sessions
        server.sendText(a, b, "again");
        server.awaitMessages(b, body -> hasText(body, "again"));
        assertThat(server.admin().get("phones/" + b + "/messages").body().path("undecryptable").asInt()).isZero();
    }

    @Test
    void aGroupOfThreePhonesAndACompanionWorksInBothDirections() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        String c = server.newPhone();
        String x = server.newPhone();
        SignalCompanion companion = SignalCompanion.login(server, server.pairByQr(x));
        AdminClient.Reply created = server.admin().post("groups", "{\"subject\":\"Three\",\"participants\":[\"" + a + "\",\""
                + b + "\",\"" + c + "\",\"" + x + "\"]}");
        String group = created.body().path("jid").asString();

        String first = server.sendText(a, group, "hi group");
        server.awaitMessages(b, body -> hasText(body, "hi group"));
        server.awaitMessages(c, body -> hasText(body, "hi group"));
        server.awaitMessages(x, body -> hasText(body, "hi group")); // the companion's own phone is a member device
        assertThat(companion.receiveText(first)).isEqualTo("hi group");

        server.sendText(c, group, "hi from c");
        server.awaitMessages(a, body -> hasText(body, "hi from c"));
        server.awaitMessages(b, body -> hasText(body, "hi from c"));
        assertThat(companion.receiveText(null)).isEqualTo("hi from c");
        // a's second message uses the sender key the others already hold (no pairwise part)
        String second = server.sendText(a, group, "second");
        server.awaitMessages(b, body -> hasText(body, "second"));
        Node stanza = companion.conn.await(n -> n.tag().equals("message") && second.equals(n.attr("id")));
        assertThat(stanza.children()).extracting(Node::tag, n -> n.attr("type")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("enc", "skmsg"));
        assertThat(companion.decrypt(stanza)).isEqualTo("second");
        companion.conn.close();
    }

    @Test
    void aPhoneAndASignalCompanionExchangeAndATamperedCiphertextIsRetried() throws Exception {
        String b = server.newPhone();
        String x = server.newPhone();
        Pairings.Paired paired = server.pairByQr(x);
        SignalCompanion companion = SignalCompanion.login(server, paired);

        String id = server.sendText(b, x, "to the companion");
        assertThat(companion.receiveText(id)).isEqualTo("to the companion");
        server.awaitMessages(b, body -> "delivered".equals(status(body, id)));

        String reply = companion.sendText(b, "reply from companion");
        server.awaitMessages(b, body -> hasText(body, "reply from companion"));
        Node delivered = companion.conn.await(n -> n.tag().equals("receipt") && reply.equals(n.attr("id")));
        assertThat(delivered.attr("type")).isNull();
        assertThat(delivered.attr("from")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(server.admin().post("phones/" + b + "/read", "{\"messageIds\":[\"" + reply + "\"]}").status()).isEqualTo(200);
        Node read = companion.conn.await(n -> n.tag().equals("receipt") && reply.equals(n.attr("id")));
        assertThat(read.attr("type")).isEqualTo("read");

        // tamper with the next ciphertext b sends to the companion: it fails, is retried, then decrypts
        AdminClient.Reply armed = server.admin().tamper(b, paired.deviceJid());
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);
        String tampered = server.sendText(b, x, "tampered once");
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
        String after = server.sendText(b, x, "still working");
        assertThat(companion.receiveText(after)).isEqualTo("still working");
        companion.conn.close();
    }

    @Test
    void aNewCompanionGetsTheAccountsAppStateKeyBeforeTheOfflineMarkerOnce() throws Exception {
        String x = server.newPhone();
        String b = server.newPhone();
        Pairings.Paired firstPaired = server.pairByQr(x);
        SignalCompanion first = SignalCompanion.login(server, firstPaired);
        SignalCompanion second = SignalCompanion.login(server, server.pairByQr(x));

        // §8.6: an end-to-end encrypted peer message from the account's phone, queued ahead of <ib><offline/>
        Node stanza = first.keyShareStanza;
        assertThat(stanza).as("key share before the offline marker").isNotNull();
        assertThat(stanza.attr("from")).isEqualTo(x + "@s.whatsapp.net");
        assertThat(stanza.attr("offline")).isNotNull();
        assertThat(stanza.child("enc").attr("type")).isEqualTo("pkmsg"); // no one-time pre-key uploaded yet
        assertThat(first.keyShare.getKeysList()).hasSize(1);
        Message.AppStateSyncKey key = first.keyShare.getKeys(0);
        assertThat(key.getKeyId().getKeyId().size()).isEqualTo(6);
        assertThat(key.getKeyData().getKeyData().size()).isEqualTo(32);
        assertThat(key.getKeyData().getTimestamp()).isPositive();
        assertThat(key.getKeyData().getFingerprint().getDeviceIndexesList()).contains(0);
        // one key per account: the second companion gets the same one
        assertThat(second.keyShare.getKeys(0).getKeyId()).isEqualTo(key.getKeyId());
        assertThat(second.keyShare.getKeys(0).getKeyData().getKeyData()).isEqualTo(key.getKeyData().getKeyData());
        assertThat(second.keyShare.getKeys(0).getKeyData().getFingerprint().getDeviceIndexesList()).hasSize(3);
        first.conn.close();
        second.conn.close();

        // only on the first login (the share was acked, so nothing is queued again): once the server is done with the
        // closed connection, a fresh login gets everything still queued before its <ib><offline/> marker
        Pairings.awaitDisconnected(server.admin(), x, firstPaired.deviceId());
        TestCompanion.Conn again = server.login(firstPaired);
        // queued again: only the devices notification about the second companion, which this raw connection never
        // acked; no second key share
        assertThat(Pairings.offline(again)).singleElement().satisfies(n -> {
            assertThat(n.attr("type")).isEqualTo("devices");
            assertThat(n.child("add")).isNotNull();
        });
        SignalCompanion resumed = SignalCompanion.resume(first, again);
        // the session the share set up carries on: the phone's copy of its own message decrypts
        String id = server.sendText(x, b, "from the phone");
        Node copy = again.await(n -> n.tag().equals("message") && id.equals(n.attr("id")));
        assertThat(copy.attr("recipient")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(resumed.decrypt(copy)).isEqualTo("from the phone");
        again.close();
    }
}
