package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QR pairing (fact sheet §6) against the emulator, with a companion built from the protocol layers. */
class QrPairingTest {

    @TempDir
    static Path data;
    static Emulator emulator;
    static AdminClient admin;
    static final ShiftableClock clock = new ShiftableClock();

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults(data).withPort(0)
                .withRefLifetimes(Duration.ofMillis(1500), Duration.ofSeconds(30)).withClock(clock));
        admin = new AdminClient(emulator.adminUrl());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void registrationGetsSixAsciiRefsFromTheServer() {
        TestCompanion.Conn conn = new TestCompanion().register(emulator);
        Node iq = conn.await(n -> n.tag().equals("iq") && n.child("pair-device") != null);
        assertThat(iq.attr("type")).isEqualTo("set");
        assertThat(iq.attr("xmlns")).isEqualTo("md");
        List<String> refs = iq.child("pair-device").children().stream().map(TestCompanion::text).toList();
        assertThat(refs).hasSize(6).allSatisfy(ref -> assertThat(ref).startsWith("2@").doesNotContain(","));
        assertThat(refs).doesNotHaveDuplicates();
        conn.close();
    }

    @Test
    void qrLinkSendsAVerifiablePairSuccessAndRegistersTheDeviceOnlyAfterItsSignature() throws Exception {
        String phone = Pairings.newPhone(admin);
        TestCompanion companion = new TestCompanion();
        TestCompanion.Conn conn = companion.register(emulator);
        String ref = Pairings.refs(conn).getFirst();
        CompletableFuture<AdminClient.Reply> link = CompletableFuture.supplyAsync(() -> admin.link(phone, companion.qr(ref)));

        Node success = conn.await(n -> n.tag().equals("iq") && n.child("pair-success") != null);
        TestCompanion.PairSuccess verified = companion.verify(success);
        assertThat(verified.hmacValid()).isTrue();
        assertThat(verified.accountSignatureValid()).isTrue();
        String phoneIdentity = admin.get("phones/" + phone).body().path("identityKey").asString();
        assertThat(Base64.getEncoder().encodeToString(verified.accountSignatureKey())).isEqualTo(phoneIdentity);
        assertThat(verified.deviceJid()).matches(phone + ":\\d+@s\\.whatsapp\\.net");
        assertThat(verified.deviceLid()).endsWith("@lid").contains(":");
        assertThat(verified.platform()).isEqualTo("android");
        // not linked before the companion signs
        assertThat(admin.get("phones/" + phone).body().path("devices").size()).isZero();

        conn.send(companion.pairDeviceSign(verified, companion.identity));
        assertThat(conn.await("stream:error").attr("code")).isEqualTo("515");
        AdminClient.Reply reply = link.get();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("deviceJid").asString()).isEqualTo(verified.deviceJid());
        assertThat(admin.get("phones/" + phone).body().path("devices").get(0).path("jid").asString())
                .isEqualTo(verified.deviceJid());
        assertThat(conn.awaitEnd()).startsWith("closed");
    }

    @Test
    void keyIndexIncrementsPerLinkedDeviceAndLoginSucceedsAfterThe515() throws Exception {
        String phone = Pairings.newPhone(admin);
        Pairings.Paired first = Pairings.pairByQr(emulator, admin, phone);
        Pairings.Paired second = Pairings.pairByQr(emulator, admin, phone);
        assertThat(second.deviceId()).isGreaterThan(first.deviceId());
        var devices = admin.get("phones/" + phone).body().path("devices");
        assertThat(devices.get(1).path("keyIndex").asInt()).isEqualTo(devices.get(0).path("keyIndex").asInt() + 1);

        TestCompanion.Conn conn = second.companion().login(emulator, phone, second.deviceId());
        Node success = conn.await(n -> true);
        assertThat(success.tag()).isEqualTo("success");
        assertThat(success.attr("lid")).endsWith(":" + second.deviceId() + "@lid");
        assertThat(Long.parseLong(success.attr("t"))).isPositive();
        // the first login gets the phone's app-state key share (a peer message) ahead of the offline marker
        Node share = conn.await(n -> true);
        assertThat(share.tag()).isEqualTo("message");
        assertThat(share.attr("category")).isEqualTo("peer");
        assertThat(conn.await(n -> true).child("offline").attr("count")).isEqualTo("1");
        conn.close();
    }

    @Test
    void aQrCanBeScannedOnlyOnce() throws Exception {
        String phone = Pairings.newPhone(admin);
        TestCompanion companion = new TestCompanion();
        TestCompanion.Conn conn = companion.register(emulator);
        String ref = Pairings.refs(conn).getFirst();
        CompletableFuture<AdminClient.Reply> link = CompletableFuture.supplyAsync(() -> admin.link(phone, companion.qr(ref)));
        TestCompanion.PairSuccess verified = companion.verify(conn.await(n -> n.child("pair-success") != null));
        conn.send(companion.pairDeviceSign(verified, companion.identity));
        assertThat(link.get().status()).isEqualTo(200);

        AdminClient.Reply again = admin.link(phone, companion.qr(ref));
        assertThat(again.status()).isEqualTo(400);
    }

    @Test
    void malformedQrIs400AndUnknownPhoneIs404() {
        assertThat(admin.link(Pairings.newPhone(admin), "not a qr").status()).isEqualTo(400);
        assertThat(admin.link(Pairings.newPhone(admin), "https://wa.me/settings/linked_devices#2@x,AAAA,BBBB,CCCC,1")
                .status()).isEqualTo(400);
        AdminClient.Reply unknown = admin.link("6299999999999", new TestCompanion().qr("2@abc"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("no phone");
    }

    @Test
    void aQrWithSomeoneElsesNoiseKeyIsRefused() {
        String phone = Pairings.newPhone(admin);
        TestCompanion.Conn conn = new TestCompanion().register(emulator);
        String ref = Pairings.refs(conn).getFirst();
        TestCompanion impostor = new TestCompanion();
        AdminClient.Reply reply = admin.link(phone, impostor.qr(ref));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("keys");
        conn.close();
    }

    @Test
    void theFirstRefExpiresWhileLaterRefsLiveLonger() throws Exception {
        String phone = Pairings.newPhone(admin);
        TestCompanion companion = new TestCompanion();
        TestCompanion.Conn conn = companion.register(emulator);
        List<String> refs = Pairings.refs(conn);
        clock.advance(Duration.ofMillis(1600)); // past the first ref (1.5 s), far from the second (1.5 s + 30 s)
        AdminClient.Reply expired = admin.link(phone, companion.qr(refs.getFirst()));
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.error()).contains("expired");

        CompletableFuture<AdminClient.Reply> link = CompletableFuture.supplyAsync(() -> admin.link(phone, companion.qr(refs.get(1))));
        TestCompanion.PairSuccess verified = companion.verify(conn.await(n -> n.child("pair-success") != null));
        conn.send(companion.pairDeviceSign(verified, companion.identity));
        assertThat(link.get().status()).isEqualTo(200);
    }

    @Test
    void aBadDeviceSignatureIsRejectedAndNothingIsLinked() throws Exception {
        String phone = Pairings.newPhone(admin);
        TestCompanion companion = new TestCompanion();
        TestCompanion.Conn conn = companion.register(emulator);
        String ref = Pairings.refs(conn).getFirst();
        CompletableFuture<AdminClient.Reply> link = CompletableFuture.supplyAsync(() -> admin.link(phone, companion.qr(ref)));
        TestCompanion.PairSuccess verified = companion.verify(conn.await(n -> n.child("pair-success") != null));
        conn.send(companion.pairDeviceSign(verified, Curve25519.generateKeyPair(RandomSource.secure())));
        AdminClient.Reply reply = link.get();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("signature");
        assertThat(admin.get("phones/" + phone).body().path("devices").size()).isZero();
        assertThat(conn.awaitEnd()).startsWith("closed");
    }

    @Test
    void theLinkedDeviceShowsThePlatformItRegisteredWith() throws Exception {
        Pairings.Paired paired = Pairings.pairByQr(emulator, admin, Pairings.newPhone(admin));
        var device = admin.get("phones/" + paired.phoneNumber()).body().path("devices").get(0);
        assertThat(device.path("platform").asString()).isEqualTo("Chrome (Mac OS)");
        assertThat(device.path("connected").asBoolean()).isFalse();
        assertThat(device.path("preKeyCount").asInt()).isZero();
    }
}
