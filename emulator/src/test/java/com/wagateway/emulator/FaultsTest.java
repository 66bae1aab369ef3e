package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Node;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /faults: dropped connections, refused connections and hostile frames. */
class FaultsTest {

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture();

    @Test
    void dropClosesEveryConnectionAndRefuseTurnsNewOnesAwayForAWhile() throws Exception {
        Pairings.Paired paired = server.pairNewPhone();
        TestCompanion.Conn a = server.login(paired);
        TestCompanion.Conn b = new TestCompanion().register(server.emulator());

        AdminClient.Reply reply = server.admin().post("faults", "{\"dropConnections\":true,\"refuseForSeconds\":1}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("dropped").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(a.awaitEnd()).isNotEmpty();
        assertThat(b.awaitEnd()).isNotEmpty();
        assertThat(server.admin().get("faults").body().path("refusing").asBoolean()).isTrue();

        assertThatThrownBy(() -> paired.companion().login(server.emulator(), paired.phoneNumber(), paired.deviceId()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
        assertThat(server.admin().get("server").status()).isEqualTo(200); // the admin API keeps working
        Thread.sleep(1100);
        server.login(paired).close();
    }

    @Test
    void hostileFramesReachOnlyTheNamedDevice() throws Exception {
        String phone = server.newPhone();
        Pairings.Paired victim = server.pairByQr(phone);
        Pairings.Paired bystander = server.pairByQr(phone);
        TestCompanion.Conn bystanderConn = server.login(bystander);

        TestCompanion.Conn conn = server.login(victim);
        assertThat(hostile("unexpected-stanza", victim).status()).isEqualTo(200);
        Node surprise = conn.await("hostile-surprise");
        assertThat(surprise.child("nested")).isNotNull();

        assertThat(hostile("oversized-node", victim).status()).isEqualTo(200);
        assertThat(conn.awaitEnd()).startsWith("undecodable").contains("limit");
        conn.close();

        TestCompanion.Conn second = server.login(victim);
        assertThat(hostile("undecodable-node", victim).status()).isEqualTo(200);
        assertThat(second.awaitEnd()).startsWith("undecodable");
        second.close();

        TestCompanion.Conn third = server.login(victim);
        assertThat(hostile("garbage-frame", victim).status()).isEqualTo(200);
        assertThat(third.awaitEnd()).startsWith("failure");

        assertThat(bystanderConn.ended).isNotDone();
        assertThat(bystanderConn.iq("w:p", "get", Node.of("ping")).attr("type")).isEqualTo("result");
        bystanderConn.close();
    }

    @Test
    void hostileNeedsAKnownKindAndAConnectedDevice() {
        assertThat(server.admin().post("faults", "{\"hostile\":\"nonsense\",\"deviceJid\":\"1:1@s.whatsapp.net\"}").status())
                .isEqualTo(400);
        assertThat(server.admin().post("faults", "{\"hostile\":\"garbage-frame\"}").status()).isEqualTo(400);
        assertThat(server.admin().post("faults", "{\"hostile\":\"garbage-frame\",\"deviceJid\":\"6200000000009:3@s.whatsapp.net\"}")
                .status()).isEqualTo(404);
        assertThat(server.admin().post("faults", "{}").status()).isEqualTo(400);
        assertThat(server.admin().post("faults", "{\"refuseForSeconds\":-1}").status()).isEqualTo(400);
    }

    @Test
    void withholdAcksIsArmedForALinkedCompanionOnly() throws Exception {
        String phone = server.newPhone();
        Pairings.Paired paired = server.pairByQr(phone);
        AdminClient.Reply armed = server.admin().post("faults", "{\"withholdAcks\":{\"deviceJid\":\"" + paired.deviceJid()
                + "\",\"count\":2,\"deliver\":false}}");
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);
        assertThat(armed.body().path("withholdAcks").path("count").asInt()).isEqualTo(2);
        assertThat(armed.body().path("withholdAcks").path("deliver").asBoolean(true)).isFalse();

        assertThat(server.admin().post("faults", "{\"withholdAcks\":{}}").status()).isEqualTo(400);
        assertThat(server.admin().post("faults", "{\"withholdAcks\":{\"deviceJid\":\"" + paired.deviceJid()
                + "\",\"count\":0}}").status()).isEqualTo(400);
        assertThat(server.admin().post("faults", "{\"withholdAcks\":{\"deviceJid\":\"" + paired.deviceJid()
                + "\",\"deliver\":\"yes\"}}").status()).isEqualTo(400);
        assertThat(server.admin().post("faults", "{\"withholdAcks\":{\"deviceJid\":\"" + phone + "@s.whatsapp.net\"}}")
                .status()).as("device 0 is the phone itself").isEqualTo(404);
        assertThat(server.admin().post("faults", "{\"withholdAcks\":{\"deviceJid\":\"6200000000009:3@s.whatsapp.net\"}}")
                .status()).isEqualTo(404);
    }

    private static AdminClient.Reply hostile(String kind, Pairings.Paired target) {
        return server.admin().post("faults", "{\"hostile\":\"" + kind + "\",\"deviceJid\":\"" + target.deviceJid() + "\"}");
    }
}
