package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Node;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /faults: dropped connections, refused connections and hostile frames. */
class FaultsTest {

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
    void dropClosesEveryConnectionAndRefuseTurnsNewOnesAwayForAWhile() throws Exception {
        Pairings.Paired paired = Pairings.pairByQr(emulator, admin, Pairings.newPhone(admin));
        TestCompanion.Conn a = Pairings.login(emulator, paired);
        TestCompanion.Conn b = new TestCompanion().register(emulator);

        AdminClient.Reply reply = admin.post("faults", "{\"dropConnections\":true,\"refuseForSeconds\":1}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("dropped").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(a.awaitEnd()).isNotEmpty();
        assertThat(b.awaitEnd()).isNotEmpty();
        assertThat(admin.get("faults").body().path("refusing").asBoolean()).isTrue();

        assertThatThrownBy(() -> paired.companion().login(emulator, paired.phoneNumber(), paired.deviceId()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
        assertThat(admin.get("server").status()).isEqualTo(200); // the admin API keeps working
        Thread.sleep(1100);
        Pairings.login(emulator, paired).close();
    }

    @Test
    void hostileFramesReachOnlyTheNamedDevice() throws Exception {
        String phone = Pairings.newPhone(admin);
        Pairings.Paired victim = Pairings.pairByQr(emulator, admin, phone);
        Pairings.Paired bystander = Pairings.pairByQr(emulator, admin, phone);
        TestCompanion.Conn bystanderConn = Pairings.login(emulator, bystander);

        TestCompanion.Conn conn = Pairings.login(emulator, victim);
        assertThat(hostile("unexpected-stanza", victim).status()).isEqualTo(200);
        Node surprise = conn.await("hostile-surprise");
        assertThat(surprise.child("nested")).isNotNull();

        assertThat(hostile("oversized-node", victim).status()).isEqualTo(200);
        assertThat(conn.awaitEnd()).startsWith("undecodable").contains("limit");
        conn.close();

        TestCompanion.Conn second = Pairings.login(emulator, victim);
        assertThat(hostile("undecodable-node", victim).status()).isEqualTo(200);
        assertThat(second.awaitEnd()).startsWith("undecodable");
        second.close();

        TestCompanion.Conn third = Pairings.login(emulator, victim);
        assertThat(hostile("garbage-frame", victim).status()).isEqualTo(200);
        assertThat(third.awaitEnd()).startsWith("failure");

        assertThat(bystanderConn.ended).isNotDone();
        assertThat(bystanderConn.iq("w:p", "get", Node.of("ping")).attr("type")).isEqualTo("result");
        bystanderConn.close();
    }

    @Test
    void hostileNeedsAKnownKindAndAConnectedDevice() {
        assertThat(admin.post("faults", "{\"hostile\":\"nonsense\",\"deviceJid\":\"1:1@s.whatsapp.net\"}").status())
                .isEqualTo(400);
        assertThat(admin.post("faults", "{\"hostile\":\"garbage-frame\"}").status()).isEqualTo(400);
        assertThat(admin.post("faults", "{\"hostile\":\"garbage-frame\",\"deviceJid\":\"6200000000009:3@s.whatsapp.net\"}")
                .status()).isEqualTo(404);
        assertThat(admin.post("faults", "{}").status()).isEqualTo(400);
        assertThat(admin.post("faults", "{\"refuseForSeconds\":-1}").status()).isEqualTo(400);
    }

    @Test
    void withholdAcksIsArmedForALinkedCompanionOnly() throws Exception {
        String phone = Pairings.newPhone(admin);
        Pairings.Paired paired = Pairings.pairByQr(emulator, admin, phone);
        AdminClient.Reply armed = admin.post("faults", "{\"withholdAcks\":{\"deviceJid\":\"" + paired.deviceJid()
                + "\",\"count\":2,\"deliver\":false}}");
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);
        assertThat(armed.body().path("withholdAcks").path("count").asInt()).isEqualTo(2);
        assertThat(armed.body().path("withholdAcks").path("deliver").asBoolean(true)).isFalse();

        assertThat(admin.post("faults", "{\"withholdAcks\":{}}").status()).isEqualTo(400);
        assertThat(admin.post("faults", "{\"withholdAcks\":{\"deviceJid\":\"" + paired.deviceJid()
                + "\",\"count\":0}}").status()).isEqualTo(400);
        assertThat(admin.post("faults", "{\"withholdAcks\":{\"deviceJid\":\"" + paired.deviceJid()
                + "\",\"deliver\":\"yes\"}}").status()).isEqualTo(400);
        assertThat(admin.post("faults", "{\"withholdAcks\":{\"deviceJid\":\"" + phone + "@s.whatsapp.net\"}}")
                .status()).as("device 0 is the phone itself").isEqualTo(404);
        assertThat(admin.post("faults", "{\"withholdAcks\":{\"deviceJid\":\"6200000000009:3@s.whatsapp.net\"}}")
                .status()).isEqualTo(404);
    }

    private static AdminClient.Reply hostile(String kind, Pairings.Paired target) {
        return admin.post("faults", "{\"hostile\":\"" + kind + "\",\"deviceJid\":\"" + target.deviceJid() + "\"}");
    }
}
