package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server half of messaging with raw client connections (no Signal needed: the server never looks
 * inside an enc): fan-out with LID alt attributes (§10.0, §10.6), the 479 refusal, the offline queue kept
 * until acked (§8.1, §8.4), receipts (§10.8), usync, bundles and pre-key counts (§10.1, §10.2, §8.2) and
 * group metadata and fan-out (§10.5).
 */
class RoutingTest {

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture();

    static String lid(String number) {
        return server.admin().get("phones/" + number).body().path("lid").asString();
    }

    static Node enc(String type, byte[] bytes) {
        return Node.of("enc", Attributes.of("v", "2", "type", type), bytes);
    }

    static Node to(String jid, Node enc) {
        return Node.of("to", Attributes.of("jid", jid), List.of(enc));
    }

    static Node message(String id, String to, Node... children) {
        return Node.of("message", Attributes.of("id", id, "type", "text", "to", to), List.of(children));
    }

    static Node awaitAck(TestCompanion.Conn conn, String id) {
        return conn.await(n -> n.tag().equals("ack") && id.equals(n.attr("id")));
    }

    @Test
    void aMessageFansOutPerDeviceInTheSendersAddressingWithAltAttributes() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        Pairings.Paired a1 = server.pairByQr(a);
        Pairings.Paired a2 = server.pairByQr(a);
        Pairings.Paired b1 = server.pairByQr(b);
        TestCompanion.Conn ca1 = server.login(a1);
        TestCompanion.Conn ca2 = server.login(a2);
        TestCompanion.Conn cb1 = server.login(b1);
        ca1.send(Node.of("presence", Attributes.of("name", "Alice", "type", "available")));
        String aLid = lid(a);
        String bLid = lid(b);

        Node sent = message("3EB0AAAA0000000000000001", bLid,
                Node.of("participants", Attributes.empty(), List.of(
                        to(bLid.replace("@", ":" + b1.deviceId() + "@"), enc("pkmsg", new byte[] {1, 2, 3})),
                        to(aLid.replace("@", ":" + a2.deviceId() + "@"), enc("msg", new byte[] {4, 5})))),
                Node.of("device-identity", Attributes.empty(), new byte[] {9, 9}));
        ca1.send(sent);
        Node ack = awaitAck(ca1, "3EB0AAAA0000000000000001");
        assertThat(ack.attr("class")).isEqualTo("message");
        assertThat(ack.attr("error")).isNull();
        assertThat(ack.attr("t")).isNotNull();

        Node atB = cb1.await("message");
        String senderLidDevice = aLid.replace("@", ":" + a1.deviceId() + "@");
        assertThat(atB.attr("from")).isEqualTo(senderLidDevice);
        assertThat(atB.attr("addressing_mode")).isEqualTo("lid");
        assertThat(atB.attr("sender_pn")).isEqualTo(a + "@s.whatsapp.net");
        assertThat(atB.attr("notify")).isEqualTo("Alice");
        assertThat(atB.attr("recipient")).isNull();
        assertThat(atB.child("enc").attr("type")).isEqualTo("pkmsg");
        assertThat(TestCompanion.data(atB.child("enc"))).containsExactly(1, 2, 3);
        assertThat(TestCompanion.data(atB.child("device-identity"))).containsExactly(9, 9);

        Node atA2 = ca2.await("message");
        assertThat(atA2.attr("from")).isEqualTo(senderLidDevice);
        assertThat(atA2.attr("recipient")).isEqualTo(bLid);
        assertThat(atA2.attr("recipient_pn")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(atA2.child("device-identity")).as("no pkmsg for this device").isNull();

        // PN addressing: from in PN, the LID in sender_lid
        ca1.send(message("3EB0AAAA0000000000000002", b + "@s.whatsapp.net", Node.of("participants", Attributes.empty(),
                List.of(to(b + ":" + b1.deviceId() + "@s.whatsapp.net", enc("msg", new byte[] {7}))))));
        assertThat(awaitAck(ca1, "3EB0AAAA0000000000000002").attr("error")).isNull();
        Node pn = cb1.await(n -> n.tag().equals("message") && "3EB0AAAA0000000000000002".equals(n.attr("id")));
        assertThat(pn.attr("from")).isEqualTo(a + ":" + a1.deviceId() + "@s.whatsapp.net");
        assertThat(pn.attr("addressing_mode")).isEqualTo("pn");
        assertThat(pn.attr("sender_lid")).isEqualTo(aLid);

        // a receipt goes back to the sender's devices, from the reader's device
        cb1.send(Node.of("ack", Attributes.of("id", "3EB0AAAA0000000000000002", "class", "message", "to", pn.attr("from"))));
        cb1.send(Node.of("receipt", Attributes.of("id", "3EB0AAAA0000000000000002", "to", pn.attr("from"), "type", "read",
                "t", "1700000000")));
        Node receiptAck = awaitAck(cb1, "3EB0AAAA0000000000000002");
        assertThat(receiptAck.attr("class")).isEqualTo("receipt");
        Node receipt = ca1.await("receipt");
        assertThat(receipt.attr("id")).isEqualTo("3EB0AAAA0000000000000002");
        assertThat(receipt.attr("from")).isEqualTo(b + ":" + b1.deviceId() + "@s.whatsapp.net");
        assertThat(receipt.attr("type")).isEqualTo("read");
        assertThat(ca2.await("receipt").attr("type")).isEqualTo("read");
        for (TestCompanion.Conn c : List.of(ca1, ca2, cb1)) {
            c.close();
        }
    }

    @Test
    void aMessageToAnUnknownDeviceIsRefusedWith479() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        TestCompanion.Conn ca = server.pairAndLogin(a);
        ca.send(message("3EB0BBBB0000000000000001", b + "@s.whatsapp.net", Node.of("participants", Attributes.empty(),
                List.of(to(b + ":42@s.whatsapp.net", enc("msg", new byte[] {1}))))));
        assertThat(awaitAck(ca, "3EB0BBBB0000000000000001").attr("error")).isEqualTo("479");
        ca.send(message("3EB0BBBB0000000000000002", "6200000000999@s.whatsapp.net"));
        assertThat(awaitAck(ca, "3EB0BBBB0000000000000002").attr("error")).isEqualTo("479");
        ca.close();
    }

    @Test
    void theNackFaultRefusesTheNextMessagesWithTheCodeAndDoesNotRouteThem() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        Pairings.Paired pa = server.pairByQr(a);
        TestCompanion.Conn ca = server.login(pa);
        AdminClient.Reply armed = server.admin().post("faults", "{\"nackMessages\":{\"deviceJid\":\"" + pa.deviceJid()
                + "\",\"error\":\"463\"}}");
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);
        assertThat(server.admin().post("faults", "{\"nackMessages\":{\"deviceJid\":\"" + pa.deviceJid()
                + "\",\"error\":\"x\"}}").status()).isEqualTo(400);
        assertThat(server.admin().post("faults", "{\"nackMessages\":{\"deviceJid\":\"" + a + "@s.whatsapp.net\","
                + "\"error\":\"479\"}}").status()).as("device 0 is the phone itself").isEqualTo(404);

        // both carry a ciphertext the phone cannot decrypt: each one routed shows as one undecryptable message
        ca.send(message("3EB0DDDD0000000000000001", b + "@s.whatsapp.net", Node.of("participants",
                Attributes.empty(), List.of(to(b + "@s.whatsapp.net", enc("msg", new byte[] {0x33, 1, 2, 3}))))));
        assertThat(awaitAck(ca, "3EB0DDDD0000000000000001").attr("error")).isEqualTo("463");
        ca.send(message("3EB0DDDD0000000000000002", b + "@s.whatsapp.net", Node.of("participants",
                Attributes.empty(), List.of(to(b + "@s.whatsapp.net", enc("msg", new byte[] {0x33, 4, 5, 6}))))));
        assertThat(awaitAck(ca, "3EB0DDDD0000000000000002").attr("error")).as("armed for one message").isNull();
        // the ack of the first came back refused before it could be routed; the phone saw only the second
        // the retry receipt answering the second proves the phone has processed it
        Node retry = ca.await("receipt");
        assertThat(retry.attr("id")).isEqualTo("3EB0DDDD0000000000000002");
        assertThat(server.admin().get("phones/" + b + "/messages").body().path("undecryptable").asInt()).isEqualTo(1);
        ca.close();
    }

    @Test
    void anOfflineDeviceGetsItsStanzasAtLoginUntilItAcksThem() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        TestCompanion.Conn ca = server.pairAndLogin(a);
        Pairings.Paired b1 = server.pairByQr(b);
        server.login(b1).close(); // first login done; now offline
        Pairings.awaitDisconnected(server.admin(), b, b1.deviceId());
        for (int i = 1; i <= 3; i++) {
            String id = "3EB0CCCC000000000000000" + i;
            ca.send(message(id, b + "@s.whatsapp.net", Node.of("participants", Attributes.empty(),
                    List.of(to(b + ":" + b1.deviceId() + "@s.whatsapp.net", enc("msg", new byte[] {(byte) i}))))));
            assertThat(awaitAck(ca, id).attr("error")).isNull();
        }

        TestCompanion.Conn first = b1.companion().login(server.emulator(), b, b1.deviceId());
        assertThat(first.await(n -> true).tag()).isEqualTo("success");
        List<Node> delivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delivered.add(first.await("message"));
        }
        assertThat(delivered).extracting(n -> n.attr("id"))
                .containsExactly("3EB0CCCC0000000000000001", "3EB0CCCC0000000000000002", "3EB0CCCC0000000000000003");
        assertThat(delivered).allSatisfy(n -> assertThat(n.attr("offline")).isNotNull());
        assertThat(first.await("ib").child("offline").attr("count")).isEqualTo("3");
        first.send(Node.of("ack", Attributes.of("id", "3EB0CCCC0000000000000002", "class", "message")));
        Pairings.processed(first);
        first.close();
        Pairings.awaitDisconnected(server.admin(), b, b1.deviceId());

        TestCompanion.Conn second = b1.companion().login(server.emulator(), b, b1.deviceId());
        assertThat(second.await(n -> true).tag()).isEqualTo("success");
        assertThat(second.await("message").attr("id")).isEqualTo("3EB0CCCC0000000000000001");
        assertThat(second.await("message").attr("id")).isEqualTo("3EB0CCCC0000000000000003");
        assertThat(second.await("ib").child("offline").attr("count")).isEqualTo("2");
        second.send(Node.of("ack", Attributes.of("id", "3EB0CCCC0000000000000001", "class", "message")));
        second.send(Node.of("ack", Attributes.of("id", "3EB0CCCC0000000000000003", "class", "message")));
        Pairings.processed(second);
        second.close();
        Pairings.awaitDisconnected(server.admin(), b, b1.deviceId());

        TestCompanion.Conn third = b1.companion().login(server.emulator(), b, b1.deviceId());
        assertThat(third.await(n -> true).tag()).isEqualTo("success");
        assertThat(third.await("ib").child("offline").attr("count")).isEqualTo("0");
        third.close();
        Pairings.awaitDisconnected(server.admin(), b, b1.deviceId());

        // a stanza sent while online but not acked before the connection closes waits for the next login
        TestCompanion.Conn online = b1.companion().login(server.emulator(), b, b1.deviceId());
        online.await("ib");
        ca.send(message("3EB0CCCC0000000000000009", b + "@s.whatsapp.net", Node.of("participants", Attributes.empty(),
                List.of(to(b + ":" + b1.deviceId() + "@s.whatsapp.net", enc("msg", new byte[] {9}))))));
        assertThat(online.await("message").attr("id")).isEqualTo("3EB0CCCC0000000000000009");
        online.close();
        Pairings.awaitDisconnected(server.admin(), b, b1.deviceId());
        TestCompanion.Conn again = b1.companion().login(server.emulator(), b, b1.deviceId());
        again.await("success");
        assertThat(again.await("message").attr("id")).isEqualTo("3EB0CCCC0000000000000009");
        assertThat(again.await("ib").child("offline").attr("count")).isEqualTo("1");
        again.close();
        ca.close();
    }

    @Test
    void usyncListsDevicesByPnAndLidAndBundlesConsumePreKeys() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        TestCompanion.Conn ca = server.pairAndLogin(a);
        Pairings.Paired b1 = server.pairByQr(b);
        TestCompanion.Conn cb = server.login(b1);
        // b uploads 6 one-time pre-keys
        List<Node> keys = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            keys.add(Node.of("key", Attributes.empty(), List.of(
                    Node.of("id", Attributes.empty(), new byte[] {0, 0, (byte) i}),
                    Node.of("value", Attributes.empty(), TestCompanion.RANDOM.bytes(32)))));
        }
        assertThat(cb.iq("encrypt", "set", Node.of("list", Attributes.empty(), keys)).attr("type")).isEqualTo("result");
        assertThat(cb.iq("encrypt", "get", Node.of("count")).child("count").attr("value")).isEqualTo("6");

        String bLid = lid(b);
        for (String user : List.of(b + "@s.whatsapp.net", bLid)) {
            Node reply = ca.iq("usync", "get", Node.of("usync", Attributes.of("context", "message", "mode", "query",
                    "sid", "s1", "last", "true", "index", "0"), List.of(
                    Node.of("query", Attributes.empty(), List.of(Node.of("devices", Attributes.of("version", "2")),
                            Node.of("lid"))),
                    Node.of("list", Attributes.empty(), List.of(Node.of("user", Attributes.of("jid", user)))))));
            Node u = reply.child("usync").child("list").children().getFirst();
            assertThat(u.attr("jid")).isEqualTo(user);
            List<Node> devices = u.child("devices").child("device-list").children();
            assertThat(devices).extracting(d -> d.attr("id")).containsExactly("0", Integer.toString(b1.deviceId()));
            assertThat(devices.get(1).attr("key-index")).isNotNull();
            if (user.equals(bLid)) {
                // asked by LID: no <lid> (Baileys would store it as a LID->LID "mapping" and reset sessions)
                assertThat(u.child("lid")).isNull();
            } else {
                assertThat(u.child("lid").attr("val")).isEqualTo(bLid);
            }
        }

        String deviceLid = bLid.replace("@", ":" + b1.deviceId() + "@");
        Node bundles = ca.iq("encrypt", "get", Node.of("key", Attributes.empty(), List.of(
                Node.of("user", Attributes.of("jid", deviceLid)),
                Node.of("user", Attributes.of("jid", b + "@s.whatsapp.net")),
                Node.of("user", Attributes.of("jid", b + ":99@s.whatsapp.net")))));
        List<Node> users = bundles.child("list").children();
        assertThat(users.get(0).attr("jid")).isEqualTo(deviceLid);
        assertThat(TestCompanion.data(users.get(0).child("identity"))).containsExactly(b1.companion().identity.publicKey());
        assertThat(TestCompanion.data(users.get(0).child("registration"))).hasSize(4);
        assertThat(TestCompanion.data(users.get(0).child("skey").child("signature"))).hasSize(64);
        assertThat(TestCompanion.data(users.get(0).child("key").child("id"))).containsExactly(0, 0, 1);
        assertThat(users.get(1).attr("jid")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(TestCompanion.data(users.get(1).child("identity")))
                .isEqualTo(java.util.Base64.getDecoder().decode(server.admin().get("phones/" + b).body().path("identityKey").asString()));
        assertThat(users.get(1).child("key")).as("the phone's one-time pre-key").isNotNull();
        assertThat(users.get(2).child("error").attr("code")).isEqualTo("404");
        assertThat(cb.iq("encrypt", "get", Node.of("count")).child("count").attr("value")).isEqualTo("5");

        // the next fetch takes the stock under 5: b is told (§8.2)
        ca.iq("encrypt", "get", Node.of("key", Attributes.empty(), List.of(Node.of("user", Attributes.of("jid", deviceLid)))));
        Node low = cb.await(n -> n.tag().equals("notification") && "encrypt".equals(n.attr("type")));
        assertThat(low.child("count").attr("value")).isEqualTo("4");
        assertThat(low.attr("from")).isEqualTo("@s.whatsapp.net");
        ca.close();
        cb.close();
    }

    @Test
    void groupMetadataListsMembersByLidAndGroupMessagesCarryParticipant() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        String c = server.newPhone();
        Pairings.Paired a1 = server.pairByQr(a);
        Pairings.Paired b1 = server.pairByQr(b);
        TestCompanion.Conn ca = server.login(a1);
        TestCompanion.Conn cb = server.login(b1);
        AdminClient.Reply created = server.admin().post("groups",
                "{\"subject\":\"Team\",\"participants\":[\"" + a + "\",\"" + b + "\",\"" + c + "\"]}");
        assertThat(created.status()).isEqualTo(201);
        String group = created.body().path("jid").asString();
        assertThat(group).endsWith("@g.us");

        ca.send(Node.of("iq", Attributes.of("id", "g1", "to", group, "type", "get", "xmlns", "w:g2"),
                List.of(Node.of("query", Attributes.of("request", "interactive")))));
        Node meta = ca.await(n -> n.tag().equals("iq") && "g1".equals(n.attr("id"))).child("group");
        assertThat(meta.attr("id")).isEqualTo(group.replace("@g.us", ""));
        assertThat(meta.attr("subject")).isEqualTo("Team");
        assertThat(meta.attr("addressing_mode")).isEqualTo("lid");
        assertThat(meta.attr("creator")).isEqualTo(lid(a));
        assertThat(meta.children()).extracting(p -> p.attr("jid")).containsExactly(lid(a), lid(b), lid(c));
        assertThat(meta.children()).extracting(p -> p.attr("phone_number"))
                .containsExactly(a + "@s.whatsapp.net", b + "@s.whatsapp.net", c + "@s.whatsapp.net");

        String bDevice = lid(b).replace("@", ":" + b1.deviceId() + "@");
        ca.send(Node.of("message", Attributes.of("id", "3EB0DDDD0000000000000001", "type", "text", "to", group,
                "addressing_mode", "lid"), List.of(
                // stock Baileys 7.0.0-rc14 also names its own sending device here: dropped, not refused with 479
                Node.of("participants", Attributes.empty(), List.of(to(bDevice, enc("pkmsg", new byte[] {1})),
                        to(lid(a).replace("@", ":" + a1.deviceId() + "@"), enc("pkmsg", new byte[] {4})))),
                enc("skmsg", new byte[] {2}),
                Node.of("device-identity", Attributes.empty(), new byte[] {3}))));
        assertThat(awaitAck(ca, "3EB0DDDD0000000000000001").attr("error")).isNull();
        Node atB = cb.await("message");
        assertThat(atB.attr("from")).isEqualTo(group);
        assertThat(atB.attr("participant")).isEqualTo(lid(a).replace("@", ":" + a1.deviceId() + "@"));
        assertThat(atB.attr("participant_pn")).isEqualTo(a + "@s.whatsapp.net");
        assertThat(atB.attr("addressing_mode")).isEqualTo("lid");
        assertThat(atB.children()).extracting(n -> n.tag() + ":" + n.attr("type"))
                .containsExactly("enc:pkmsg", "enc:skmsg", "device-identity:null");

        // receipts in a group: to=group, participant=author; the author hears from=group participant=reader
        cb.send(Node.of("receipt", Attributes.of("id", "3EB0DDDD0000000000000001", "to", group,
                "participant", atB.attr("participant"))));
        // (the phones b and c cannot decrypt the fake skmsg and send retry receipts to a1 as well)
        Node receipt = ca.await(n -> n.tag().equals("receipt") && !"retry".equals(n.attr("type")));
        assertThat(receipt.attr("from")).isEqualTo(group);
        assertThat(receipt.attr("participant")).isEqualTo(lid(b).replace("@", ":" + b1.deviceId() + "@"));
        assertThat(receipt.attr("type")).isNull();

        // not a member: refused
        String outsider = server.newPhone();
        TestCompanion.Conn co = server.pairAndLogin(outsider);
        co.send(Node.of("message", Attributes.of("id", "3EB0DDDD0000000000000002", "type", "text", "to", group),
                List.of(enc("skmsg", new byte[] {1}))));
        assertThat(awaitAck(co, "3EB0DDDD0000000000000002").attr("error")).isEqualTo("403");
        for (TestCompanion.Conn conn : List.of(ca, cb, co)) {
            conn.close();
        }
    }

    @Test
    void anUndecryptableMessageToAPhoneComesBackAsARetryReceipt() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        Pairings.Paired a1 = server.pairByQr(a);
        TestCompanion.Conn ca = server.login(a1);
        ca.send(message("3EB0EEEE0000000000000001", b + "@s.whatsapp.net", Node.of("participants", Attributes.empty(),
                List.of(to(b + "@s.whatsapp.net", enc("msg", new byte[] {0x33, 1, 2, 3}))))));
        assertThat(awaitAck(ca, "3EB0EEEE0000000000000001").attr("error")).isNull();
        Node retry = ca.await("receipt");
        assertThat(retry.attr("type")).isEqualTo("retry");
        assertThat(retry.attr("from")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(retry.child("retry").attr("count")).isEqualTo("1");
        assertThat(TestCompanion.data(retry.child("registration"))).hasSize(4);
        assertThat(server.admin().get("phones/" + b + "/messages").body().path("undecryptable").asInt()).isEqualTo(1);
        ca.close();
    }

    @Test
    void linkingAndUnlinkingACompanionNotifiesPeersAndTheAccountsOtherCompanions() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        String d = server.newPhone();
        Pairings.Paired a1 = server.pairByQr(a);
        TestCompanion.Conn ca = server.login(a1);
        TestCompanion.Conn cd = server.pairAndLogin(d);
        // a talks to b (to b's phone, device 0): a and b are peers now; d never talked to b
        ca.send(message("3EB0FFFF0000000000000001", b + "@s.whatsapp.net", Node.of("participants", Attributes.empty(),
                List.of(to(b + "@s.whatsapp.net", enc("msg", new byte[] {0x33, 1}))))));
        assertThat(awaitAck(ca, "3EB0FFFF0000000000000001").attr("error")).isNull();

        Pairings.Paired b1 = server.pairByQr(b);
        Node added = ca.await(n -> n.tag().equals("notification") && "devices".equals(n.attr("type")));
        assertThat(added.attr("from")).isEqualTo(b + "@s.whatsapp.net");
        assertThat(added.attr("lid")).isEqualTo(lid(b));
        assertThat(added.attr("id")).isNotNull();
        assertThat(added.attr("t")).isNotNull();
        Node add = added.children().getFirst();
        assertThat(add.tag()).isEqualTo("add");
        Node device = add.child("device");
        assertThat(device.attr("jid")).isEqualTo(b + ":" + b1.deviceId() + "@s.whatsapp.net");
        assertThat(device.attr("lid")).isEqualTo(lid(b).replace("@", ":" + b1.deviceId() + "@"));
        assertThat(device.attr("key-index")).isEqualTo(server.admin().get("phones/" + b).body().path("devices").get(0)
                .path("keyIndex").asString());
        assertThat(add.child("key-index-list").attr("ts")).isNotNull();
        assertThat(add.attr("device_hash")).isEqualTo(deviceHash(b, "s.whatsapp.net", 0, b1.deviceId()));
        assertThat(add.attr("device_lid_hash")).isEqualTo(deviceHash(lid(b).replace("@lid", ""), "lid", 0,
                b1.deviceId()));
        ca.send(Node.of("ack", Attributes.of("id", added.attr("id"), "class", "notification", "type", "devices")));
        // d is no peer of b: the link call returned after the notices were handed to the connections, and the
        // answer to a ping sent now comes behind anything written to d before
        Pairings.processed(cd);
        assertThat(cd.seen).noneMatch(n -> n.tag().equals("notification"));

        // b's own other companion hears of b's next device too
        TestCompanion.Conn cb1 = server.login(b1);
        Pairings.Paired b2 = server.pairByQr(b);
        Node own = cb1.await(n -> n.tag().equals("notification") && "devices".equals(n.attr("type")));
        assertThat(own.child("add").child("device").attr("jid")).isEqualTo(b + ":" + b2.deviceId() + "@s.whatsapp.net");
        Node second = ca.await(n -> n.tag().equals("notification") && "devices".equals(n.attr("type")));
        assertThat(second.child("add").attr("device_hash"))
                .isEqualTo(deviceHash(b, "s.whatsapp.net", 0, b1.deviceId(), b2.deviceId()));
        ca.send(Node.of("ack", Attributes.of("id", second.attr("id"), "class", "notification", "type", "devices")));

        // unlinked while a's companion is offline: it gets the remove from its queue at the next login
        Pairings.processed(ca);
        ca.close();
        Pairings.awaitDisconnected(server.admin(), a, a1.deviceId());
        assertThat(server.admin().unlink(b, Integer.toString(b2.deviceId())).status()).isEqualTo(200);
        Node removedAtB1 = cb1.await(n -> n.tag().equals("notification") && n.child("remove") != null);
        assertThat(removedAtB1.child("remove").child("device").attr("jid"))
                .isEqualTo(b + ":" + b2.deviceId() + "@s.whatsapp.net");
        TestCompanion.Conn back = server.login(a1);
        // (b's phone answered the fake enc with a retry receipt, which this raw companion never acked: queued too)
        List<Node> queued = Pairings.offline(back).stream().filter(n -> n.tag().equals("notification")).toList();
        assertThat(queued).hasSize(1);
        Node removed = queued.getFirst();
        assertThat(removed.attr("type")).isEqualTo("devices");
        assertThat(removed.attr("offline")).isNotNull();
        Node remove = removed.child("remove");
        assertThat(remove.child("device").attr("jid")).isEqualTo(b + ":" + b2.deviceId() + "@s.whatsapp.net");
        assertThat(remove.child("device").attr("key-index")).isNull();
        assertThat(remove.attr("device_hash")).isEqualTo(deviceHash(b, "s.whatsapp.net", 0, b1.deviceId()));
        for (TestCompanion.Conn c : List.of(back, cb1, cd)) {
            c.close();
        }
    }

    /** whatsmeow's participantListHashV2: "2:" + base64 (no padding) of SHA-256[0..6) over sorted user.0:device@server. */
    static String deviceHash(String user, String server, int... devices) throws Exception {
        List<String> names = new ArrayList<>();
        for (int device : devices) {
            names.add(user + ".0:" + device + "@" + server);
        }
        Collections.sort(names);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("", names).getBytes(StandardCharsets.UTF_8));
        return "2:" + Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
    }
}
