package com.wagateway.emulator;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Test steps shared by the emulator tests: a fresh phone, and a companion linked to it by QR. */
final class Pairings {

    private static final AtomicLong NUMBERS = new AtomicLong(6281200000000L + (System.nanoTime() % 1000) * 1000);

    record Paired(TestCompanion companion, String phoneNumber, int deviceId, String deviceJid) {
    }

    private Pairings() {
    }

    static String newPhone(AdminClient admin) {
        String number = Long.toString(NUMBERS.incrementAndGet());
        assertThat(admin.createPhone(number).status()).isEqualTo(201);
        return number;
    }

    /** Registration connection → pair-device (acked) → its refs. */
    static List<String> refs(TestCompanion.Conn conn) {
        Node iq = conn.await(n -> n.tag().equals("iq") && n.child("pair-device") != null);
        conn.send(Node.of("iq", Attributes.of("to", "@s.whatsapp.net", "type", "result", "id", iq.attr("id"))));
        return iq.child("pair-device").children().stream().map(TestCompanion::text).toList();
    }

    /** Links a new companion by QR through the admin API and the full pair-success / sign / 515 exchange. */
    static Paired pairByQr(Emulator emulator, AdminClient admin, String phoneNumber) throws Exception {
        TestCompanion companion = new TestCompanion();
        TestCompanion.Conn conn = companion.register(emulator);
        String ref = refs(conn).getFirst();
        CompletableFuture<AdminClient.Reply> link = CompletableFuture.supplyAsync(
                () -> admin.link(phoneNumber, companion.qr(ref)));
        Node success = conn.await(n -> n.tag().equals("iq") && n.child("pair-success") != null);
        TestCompanion.PairSuccess verified = companion.verify(success);
        assertThat(verified.hmacValid()).isTrue();
        assertThat(verified.accountSignatureValid()).isTrue();
        conn.send(companion.pairDeviceSign(verified, companion.identity));
        Node end = conn.await("stream:error");
        assertThat(end.attr("code")).isEqualTo("515");
        AdminClient.Reply reply = link.get();
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.body().path("deviceJid").asString()).isEqualTo(verified.deviceJid());
        int deviceId = reply.body().path("deviceId").asInt();
        conn.close();
        return new Paired(companion, phoneNumber, deviceId, verified.deviceJid());
    }

    /**
     * A login that must succeed: returns the connection after {@code <success>}, the stanzas queued for the
     * device (acked; on a device's first login the phone's app-state key share, §8.6) and the offline marker,
     * whose count must match them. The stanzas stay in {@link TestCompanion.Conn#seen}.
     */
    static TestCompanion.Conn login(Emulator emulator, Paired paired) {
        TestCompanion.Conn conn = paired.companion().login(emulator, paired.phoneNumber(), paired.deviceId());
        Node success = conn.await(n -> true);
        assertThat(success.tag()).as(success.toString()).isEqualTo("success");
        int queued = 0;
        while (true) {
            Node next = conn.await(n -> true);
            if (next.tag().equals("ib")) {
                assertThat(next.child("offline").attr("count")).isEqualTo(Integer.toString(queued));
                return conn;
            }
            queued++;
            conn.send(Node.of("ack", Attributes.of("id", next.attr("id"), "class", next.tag(), "to",
                    next.attr("from"))));
        }
    }

    /**
     * Decrypts the phone's app-state key share (§8.6) among the stanzas a first {@link #login} saw, with the
     * companion's registered keys (it has uploaded no one-time pre-keys yet).
     */
    static Message.AppStateSyncKeyShare keyShare(Paired paired,
            TestCompanion.Conn conn) throws Exception {
        InMemorySignalStore store = CompanionSignal.store(paired.companion());
        for (Node n : offline(conn)) {
            if ("peer".equals(n.attr("category"))) {
                Node enc = n.child("enc");
                byte[] padded = new SessionCipher(store,
                        SignalAddress.of(Jid.parse(n.attr("from"))),
                        TestCompanion.RANDOM, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS)
                        .decrypt(MessageKind.fromWire(enc.attr("type")),
                                TestCompanion.data(enc));
                return Message.parseFrom(
                        MessagePadding.unpad(padded))
                        .getProtocolMessage().getAppStateSyncKeyShare();
            }
        }
        throw new AssertionError("no key share before the offline marker: " + conn.seen);
    }

    /** The queued stanzas a {@link #login} saw before the offline marker. */
    static List<Node> offline(TestCompanion.Conn conn) {
        List<Node> out = new ArrayList<>();
        for (Node n : conn.seen) {
            if (n.tag().equals("ib")) {
                break;
            }
            if (!n.tag().equals("success")) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The server has handled everything {@code conn} sent so far: it handles a connection's frames one at a time in
     * order, so the answer to a ping sent last proves the frames before it (e.g. an ack) took effect.
     */
    static void processed(TestCompanion.Conn conn) {
        assertThat(conn.iq("w:p", "get", Node.of("ping")).attr("type")).isEqualTo("result");
    }

    /**
     * The server has finished with the device's closed connection: admin's {@code connected} turns false only after
     * the unacked stanzas went back to the queue, so a later login or send sees the device offline.
     */
    static void awaitDisconnected(AdminClient admin, String number, int deviceId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode device = null;
            for (JsonNode d : admin.get("phones/" + number).body().path("devices")) {
                if (d.path("deviceId").asInt() == deviceId) {
                    device = d;
                }
            }
            assertThat(device).as("device %s:%s", number, deviceId).isNotNull();
            if (!device.path("connected").asBoolean(true)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("device " + number + ":" + deviceId + " still connected after 10 s");
            }
            Thread.sleep(20);
        }
    }
}
