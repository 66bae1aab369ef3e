package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.emulator.protocol.ClientVersion;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Login (§4.3), the IQs after it (§8, §10.1) and the stream errors (§8.5). */
class LoginAndIqTest {

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture();

    @Test
    void aWrongNoiseKeyOrAnUnknownDeviceGetsFailure401() throws Exception {
        Pairings.Paired paired = server.pairNewPhone();
        TestCompanion stranger = new TestCompanion(Curve25519.generateKeyPair(RandomSource.secure()));
        TestCompanion.Conn wrongKey = stranger.login(server.emulator(), paired.phoneNumber(), paired.deviceId());
        Node failure = wrongKey.await(n -> true);
        assertThat(failure.tag()).isEqualTo("failure");
        assertThat(failure.attr("reason")).isEqualTo("401");
        assertThat(wrongKey.awaitEnd()).startsWith("closed");

        TestCompanion.Conn unknown = paired.companion().login(server.emulator(), paired.phoneNumber(), 77);
        assertThat(unknown.await(n -> true).attr("reason")).isEqualTo("401");
        TestCompanion.Conn noPhone = paired.companion().login(server.emulator(), "6200000000001", 1);
        assertThat(noPhone.await(n -> true).attr("reason")).isEqualTo("401");
    }

    @Test
    void aClientOlderThanTheMinimumVersionGetsFailure405() throws Exception {
        Pairings.Paired paired = server.pairNewPhone();
        AdminClient.Reply set = server.admin().put("settings", "{\"minClientVersion\":\"2.3000.1043857761\"}");
        assertThat(set.status()).isEqualTo(200);
        try {
            TestCompanion.Conn conn = paired.companion().login(server.emulator(), paired.phoneNumber(), paired.deviceId());
            Node failure = conn.await(n -> true);
            assertThat(failure.tag()).isEqualTo("failure");
            assertThat(failure.attr("reason")).isEqualTo("405");
            TestCompanion.Conn registration = new TestCompanion().register(server.emulator());
            assertThat(registration.await(n -> true).attr("reason")).isEqualTo("405");
        } finally {
            server.admin().put("settings", "{\"minClientVersion\":null}");
        }
        server.login(paired).close();
        assertThat(server.admin().put("settings", "{\"minClientVersion\":\"two\"}").status()).isEqualTo(400);
    }

    @Test
    void theMinimumVersionCanComeFromTheConfig(@TempDir Path other) throws Exception {
        try (Emulator strict = Emulator.start(EmulatorConfig.defaults(other).withPort(0)
                .withMinClientVersion(ClientVersion.parse("3.0.0")))) {
            TestCompanion.Conn conn = new TestCompanion().register(strict);
            assertThat(conn.await(n -> true).attr("reason")).isEqualTo("405");
        }
    }

    @Test
    void theIqsAClientSendsAfterLoginAreAnswered() throws Exception {
        String phone = server.newPhone();
        Pairings.Paired paired = server.pairByQr(phone);
        Pairings.Paired sibling = server.pairByQr(phone);
        TestCompanion.Conn conn = server.login(paired);

        assertThat(conn.iq("w:p", "get", Node.of("ping")).attr("type")).isEqualTo("result");
        assertThat(conn.iq("passive", "set", Node.of("active")).attr("type")).isEqualTo("result");
        assertThat(conn.iq("encrypt", "get", Node.of("count")).child("count").attr("value")).isEqualTo("0");
        assertThat(conn.iq("encrypt", "get", Node.of("digest")).attr("type")).isEqualTo("error");

        Node upload = conn.iq("encrypt", "set", uploadChildren(30).toArray(Node[]::new));
        assertThat(upload.attr("type")).isEqualTo("result");
        assertThat(conn.iq("encrypt", "get", Node.of("count")).child("count").attr("value")).isEqualTo("30");
        Node digest = conn.iq("encrypt", "get", Node.of("digest")).child("digest");
        assertThat(digest.child("list").children()).hasSize(30);
        assertThat(server.admin().get("phones/" + phone).body().path("devices").get(0).path("preKeyCount").asInt()).isEqualTo(30);

        Node props = conn.iq("abt", "get", Node.of("props", Attributes.of("protocol", "1"))).child("props");
        assertThat(props).isNotNull();
        assertThat(conn.iq("blocklist", "get").child("list")).isNotNull();
        Node privacy = conn.iq("privacy", "get", Node.of("privacy")).child("privacy");
        assertThat(privacy.children()).isNotEmpty().allSatisfy(c -> assertThat(c.tag()).isEqualTo("category"));
        assertThat(conn.iq("w:unknown", "get", Node.of("whatever")).attr("type")).isEqualTo("result");

        Node usync = conn.iq("usync", "get", Node.of("usync", Attributes.of("sid", "s1", "mode", "query",
                "context", "message", "last", "true", "index", "0"), List.of(
                Node.of("query", Attributes.empty(), List.of(Node.of("devices", Attributes.of("version", "2")),
                        Node.of("lid"))),
                Node.of("list", Attributes.empty(), List.of(
                        Node.of("user", Attributes.of("jid", phone + "@s.whatsapp.net")),
                        Node.of("user", Attributes.of("jid", "6200000000002@s.whatsapp.net")))))));
        List<Node> users = usync.child("usync").child("list").children();
        Node mine = users.getFirst();
        List<Node> devices = mine.child("devices").child("device-list").children();
        assertThat(devices).extracting(d -> d.attr("id"))
                .containsExactly("0", Integer.toString(paired.deviceId()), Integer.toString(sibling.deviceId()));
        assertThat(devices.get(0).attr("key-index")).isNull();
        assertThat(devices.get(1).attr("key-index")).isNotNull();
        String lid = server.admin().get("phones/" + phone).body().path("lid").asString();
        assertThat(mine.child("lid").attr("val")).isEqualTo(lid);
        assertThat(users.get(1).child("devices").child("device-list").children()).isEmpty();
        conn.close();
    }

    @Test
    void messagesAndReceiptsAreAcked() throws Exception {
        Pairings.Paired paired = server.pairNewPhone();
        TestCompanion.Conn conn = server.login(paired);
        conn.send(Node.of("receipt", Attributes.of("id", "r1", "to", "6200000000003@s.whatsapp.net")));
        Node ack = conn.await("ack");
        assertThat(ack.attr("class")).isEqualTo("receipt");
        assertThat(ack.attr("id")).isEqualTo("r1");
        conn.close();
    }

    @Test
    void aSecondConnectionOfTheSameDeviceReplacesTheFirst() throws Exception {
        Pairings.Paired paired = server.pairNewPhone();
        TestCompanion.Conn first = server.login(paired);
        TestCompanion.Conn second = server.login(paired);
        Node error = first.await("stream:error");
        assertThat(error.attr("code")).isNull();
        assertThat(error.child("conflict").attr("type")).isEqualTo("replaced");
        assertThat(first.awaitEnd()).startsWith("closed");
        assertThat(second.iq("w:p", "get", Node.of("ping")).attr("type")).isEqualTo("result");
        second.close();
    }

    @Test
    void thePhoneUnlinkingADeviceSendsDeviceRemovedAndForgetsIt() throws Exception {
        Pairings.Paired paired = server.pairNewPhone();
        TestCompanion.Conn conn = server.login(paired);
        AdminClient.Reply unlink = server.admin().unlink(paired.phoneNumber(), paired.deviceJid());
        assertThat(unlink.status()).isEqualTo(200);
        Node error = conn.await("stream:error");
        assertThat(error.attr("code")).isEqualTo("401");
        assertThat(error.child("conflict").attr("type")).isEqualTo("device_removed");
        assertThat(conn.awaitEnd()).startsWith("closed");
        assertThat(server.admin().get("phones/" + paired.phoneNumber()).body().path("devices").size()).isZero();
        assertThat(server.admin().unlink(paired.phoneNumber(), paired.deviceJid()).status()).isEqualTo(404);

        TestCompanion.Conn again = paired.companion().login(server.emulator(), paired.phoneNumber(), paired.deviceId());
        assertThat(again.await(n -> true).attr("reason")).isEqualTo("401");
    }

    @Test
    void theCompanionLoggingItselfOutIsRemovedToo() throws Exception {
        Pairings.Paired paired = server.pairNewPhone();
        TestCompanion.Conn conn = server.login(paired);
        Node result = conn.iq("md", "set", Node.of("remove-companion-device",
                Attributes.of("jid", paired.deviceJid(), "reason", "user_initiated")));
        assertThat(result.attr("type")).isEqualTo("result");
        assertThat(conn.await("stream:error").child("conflict").attr("type")).isEqualTo("device_removed");
        assertThat(server.admin().get("phones/" + paired.phoneNumber()).body().path("devices").size()).isZero();
    }

    /** §8.2: registration, type, identity, list of one-time keys, signed pre-key. */
    private static List<Node> uploadChildren(int count) {
        List<Node> keys = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            keys.add(Node.of("key", Attributes.empty(), List.of(
                    Node.of("id", Attributes.empty(), new byte[] {0, 0, (byte) i}),
                    Node.of("value", Attributes.empty(), Curve25519.generateKeyPair(RandomSource.secure()).publicKey()))));
        }
        return List.of(
                Node.of("registration", Attributes.empty(), new byte[] {0, 0, 4, (byte) 210}),
                Node.of("type", Attributes.empty(), new byte[] {5}),
                Node.of("identity", Attributes.empty(), new byte[32]),
                Node.of("list", Attributes.empty(), keys),
                Node.of("skey", Attributes.empty(), List.of(
                        Node.of("id", Attributes.empty(), new byte[] {0, 0, 1}),
                        Node.of("value", Attributes.empty(), new byte[32]),
                        Node.of("signature", Attributes.empty(), new byte[64]))));
    }
}
