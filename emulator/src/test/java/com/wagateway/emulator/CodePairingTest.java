package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.PairingCodeCrypto;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Phone-number code pairing, both halves (fact sheet §7): the test plays the companion, the emulator the phone. */
class CodePairingTest {

    @RegisterExtension
    static final EmulatorFixture server =
            new EmulatorFixture(config -> config.withPairingCodeLifetime(Duration.ofSeconds(30)));

    static String newCode() {
        return PairingCodeCrypto.toCrockford(RandomSource.secure().bytes(5));
    }

    /** companion_hello → its ref in the iq result. */
    static String hello(TestCompanion companion, TestCompanion.Conn conn, String phone, String code) {
        conn.send(companion.companionHello(phone, code));
        Node result = conn.await(n -> "hello-1".equals(n.attr("id")));
        assertThat(result.attr("type")).isEqualTo("result");
        return TestCompanion.text(result.child("link_code_companion_reg").child("link_code_pairing_ref"));
    }

    @Test
    void theCodeTheCompanionShowsLinksItWithTheDerivedAdvSecret() throws Exception {
        String phone = server.newPhone();
        TestCompanion companion = new TestCompanion();
        byte[] qrAdvSecret = companion.advSecret;
        TestCompanion.Conn conn = companion.register(server.emulator());
        Pairings.refs(conn);
        String code = newCode();
        String ref = hello(companion, conn, phone, code);

        CompletableFuture<AdminClient.Reply> link = CompletableFuture.supplyAsync(
                () -> server.admin().linkCode(phone, code.substring(0, 4) + "-" + code.substring(4)));
        Node notification = conn.await("notification");
        assertThat(notification.attr("type")).isEqualTo("link_code_companion_reg");
        Node reg = notification.child("link_code_companion_reg");
        assertThat(TestCompanion.text(reg.child("link_code_pairing_ref"))).isEqualTo(ref);
        assertThat(TestCompanion.data(reg.child("link_code_pairing_wrapped_primary_ephemeral_pub"))).hasSize(80);

        conn.send(companion.companionFinish(phone, code, notification));
        assertThat(conn.await(n -> "finish-1".equals(n.attr("id"))).attr("type")).isEqualTo("result");
        assertThat(companion.advSecret).isNotEqualTo(qrAdvSecret);

        TestCompanion.PairSuccess verified = companion.verify(conn.await(n -> n.child("pair-success") != null));
        assertThat(verified.hmacValid()).as("HMAC keyed with the adv secret derived in §7 step 5.8").isTrue();
        assertThat(verified.accountSignatureValid()).isTrue();
        conn.send(companion.pairDeviceSign(verified, companion.identity));
        assertThat(conn.await("stream:error").attr("code")).isEqualTo("515");
        AdminClient.Reply reply = link.get();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("deviceJid").asString()).isEqualTo(verified.deviceJid());
    }

    @Test
    void aWrongCodeIs400AndTheRightOneStillWorksAfterwards() throws Exception {
        String phone = server.newPhone();
        TestCompanion companion = new TestCompanion();
        TestCompanion.Conn conn = companion.register(server.emulator());
        Pairings.refs(conn);
        String code = newCode();
        hello(companion, conn, phone, code);
        String wrong = code.equals("11111111") ? "22222222" : "11111111";

        CompletableFuture<AdminClient.Reply> bad = CompletableFuture.supplyAsync(() -> server.admin().linkCode(phone, wrong));
        Node notification = conn.await("notification");
        conn.send(companion.companionFinish(phone, code, notification)); // the companion uses its own code
        AdminClient.Reply refused = bad.get();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("wrong pairing code");

        CompletableFuture<AdminClient.Reply> good = CompletableFuture.supplyAsync(() -> server.admin().linkCode(phone, code.toLowerCase()));
        conn.send(companion.companionFinish(phone, code, conn.await("notification")));
        TestCompanion.PairSuccess verified = companion.verify(conn.await(n -> n.child("pair-success") != null));
        assertThat(verified.hmacValid()).isTrue();
        conn.send(companion.pairDeviceSign(verified, companion.identity));
        assertThat(good.get().status()).isEqualTo(200);
    }

    @Test
    void noWaitingCompanionMalformedCodesAndUnknownPhones() {
        String phone = server.newPhone();
        assertThat(server.admin().linkCode(phone, "ABCD-1234").status()).isEqualTo(400);
        assertThat(server.admin().linkCode(phone, "ABC").status()).isEqualTo(400);
        assertThat(server.admin().linkCode(phone, "ABCD-123O").error()).contains("uses only");
        assertThat(server.admin().linkCode("6299999999998", "ABCD-1234").status()).isEqualTo(404);
    }

    @Test
    void aHelloForAnUnknownNumberIsAnIqError() {
        TestCompanion companion = new TestCompanion();
        TestCompanion.Conn conn = companion.register(server.emulator());
        Pairings.refs(conn);
        conn.send(companion.companionHello("6299999999997", newCode()));
        Node result = conn.await(n -> "hello-1".equals(n.attr("id")));
        assertThat(result.attr("type")).isEqualTo("error");
        assertThat(result.child("error").attr("code")).isEqualTo("404");
        conn.close();
    }

    @Test
    void anExpiredCodeRequestIs400(@TempDir Path other) throws Exception {
        try (Emulator quick = Emulator.start(EmulatorConfig.defaults(other).withPort(0)
                .withPairingCodeLifetime(Duration.ofMillis(200)))) {
            AdminClient quickAdmin = new AdminClient(quick.adminUrl());
            String phone = Pairings.newPhone(quickAdmin);
            TestCompanion companion = new TestCompanion();
            TestCompanion.Conn conn = companion.register(quick);
            Pairings.refs(conn);
            String code = newCode();
            hello(companion, conn, phone, code);
            Thread.sleep(400);
            AdminClient.Reply reply = quickAdmin.linkCode(phone, code);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error()).contains("expired");
        }
    }
}
