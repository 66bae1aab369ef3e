package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.auth.OneTimePreKeys;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.pairing.PairingQr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** QR pairing against the scripted server (§6): refs, rotation, expiry, pair-success, 515, login (§8.1). */
@Timeout(30)
class QrPairingTest {

    @Test
    void showsEachRefRotatesAndExpiresWithQrExpired() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.config = new ClientConfig(h.server.uri(), h.server.trustRoot(), AppVersion.DEFAULT, Browser.DEFAULT,
                    null, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(400),
                    Duration.ofMillis(200), Duration.ofSeconds(3), 30, ClientHarness.reconnect(3), 1 << 20);
            long started = System.nanoTime();
            h.start();
            List<PairingQr> qrs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String text = h.listener.next(RecordingListener.Qr.class, 5).text();
                assertThat(text).startsWith(PairingQr.PREFIX).endsWith(",1"); // Chrome on Mac OS
                qrs.add(PairingQr.parse(text));
            }
            RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(qrs).extracting(PairingQr::ref).containsExactly("r1", "r2", "r3");
            assertThat(qrs.get(0).noiseKey()).isEqualTo(h.server.connections.getFirst().clientNoiseKey);
            assertThat(closed.reason().action()).isEqualTo(CloseAction.QR_EXPIRED);
            assertThat(closed.reason().code()).isEqualTo(408);
            assertThat(closed.reason().description()).isEqualTo("QR code was not scanned in time");
            assertThat(elapsedMs).isGreaterThanOrEqualTo(400 + 200 + 200);
            Node ack = h.server.awaitReceived(n -> n.tag().equals("iq") && "pd-1".equals(n.attr("id")), 1);
            assertThat(ack.attr("type")).isEqualTo("result");
            assertThat(h.listener.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(h.store.entries).isEmpty();
        }
    }

    @Test
    void pairSuccessIsVerifiedStoredAnsweredThen515LogsInAndRunsThePostLoginSequence() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            Credentials creds = h.storedCreds();
            assertThat(creds.me()).isEqualTo(Jid.parse("15551234567:3@s.whatsapp.net"));
            assertThat(creds.meLid()).isEqualTo(Jid.parse("9876543210:3@lid"));
            assertThat(creds.platform()).isEqualTo("android");
            assertThat(creds.phoneIdentityKey()).isEqualTo(h.phone.account.publicKey());
            assertThat(h.server.registrations.get()).isEqualTo(1);
            assertThat(h.server.logins.get()).isEqualTo(1);
            ScriptedServer.Conn login = h.server.last();
            assertThat(login.payload.getUsername()).isEqualTo(15551234567L);
            assertThat(login.payload.getDevice()).isEqualTo(3);
            assertThat(login.payload.getPassive()).isTrue();
            assertThat(login.clientNoiseKey).isEqualTo(h.server.connections.getFirst().clientNoiseKey);

            Node sign = h.server.connections.getFirst().nodes.stream()
                    .filter(n -> n.child("pair-device-sign") != null).findFirst().orElseThrow();
            assertThat(sign.attr("id")).isEqualTo("ps-1");
            assertThat(sign.attr("type")).isEqualTo("result");
            assertThat(sign.child("pair-device-sign").child("device-identity").attr("key-index")).isEqualTo("1");

            // §8.1 order: count, upload (initialPreKeys when the server holds none), active, digest, then the rest
            List<String> steps = login.nodes.stream().filter(n -> n.tag().equals("iq"))
                    .map(QrPairingTest::step).filter(s -> !s.equals("w:p")).toList();
            assertThat(steps.subList(0, 4)).containsExactly("encrypt:count", "encrypt:upload", "passive",
                    "encrypt:digest");
            assertThat(steps.subList(4, 7)).containsExactlyInAnyOrder("abt", "blocklist", "privacy");
            assertThat(h.server.uploadedPreKeys.get()).isEqualTo(30);
            Node upload = login.nodes.stream().filter(n -> step(n).equals("encrypt:upload")).findFirst().orElseThrow();
            assertThat(bytes(upload.child("registration"))).hasSize(4);
            assertThat(bytes(upload.child("type"))).containsExactly(5);
            assertThat(bytes(upload.child("identity"))).isEqualTo(creds.identityKey().publicKey());
            Node firstKey = upload.child("list").children().getFirst();
            assertThat(bytes(firstKey.child("id"))).containsExactly(0, 0, 1);
            assertThat(bytes(upload.child("skey").child("signature"))).isEqualTo(creds.signedPreKeySignature());
            assertThat(creds.nextPreKeyId()).isEqualTo(31);
            Thread.sleep(100); // the unified_session ib follows connected
            for (ScriptedServer.Conn conn : h.server.connections) { // after pair-device-sign, and on open
                Node ib = conn.nodes.stream().filter(n -> n.tag().equals("ib")).findFirst().orElseThrow();
                long id = Long.parseLong(ib.child("unified_session").attr("id"));
                assertThat(id).isBetween(0L, Duration.ofDays(7).toMillis() - 1);
            }
            assertThat(OneTimePreKeys.decode(h.store.entries.get("prekeys"))).hasSize(30);
            for (Node iq : login.nodes) {
                if (iq.tag().equals("iq")) {
                    assertThat(iq.attr("id")).matches("\\d{1,5}\\.\\d{1,5}-\\d+");
                }
            }
        }
    }

    @Test
    void aTamperedPairSuccessIsRefusedLikeWhatsmeowAndNothingIsStored() throws Exception {
        for (TestPhone.Tamper tamper : new TestPhone.Tamper[] {TestPhone.Tamper.HMAC,
                TestPhone.Tamper.ACCOUNT_SIGNATURE}) {
            try (ClientHarness h = new ClientHarness()) {
                h.start();
                PairingQr qr = PairingQr.parse(h.listener.next(RecordingListener.Qr.class, 5).text());
                h.server.last().send(h.phone.pairSuccess("bad-1", qr.identityKey(), qr.advSecret(), 3, 1, false,
                        tamper));
                RecordingListener.Closed closed = h.listener.next(RecordingListener.Closed.class, 5);
                assertThat(closed.reason().action()).isEqualTo(CloseAction.FATAL);
                assertThat(closed.reason().description()).startsWith("pairing refused");
                Node error = h.server.awaitReceived(n -> "bad-1".equals(n.attr("id")), 2);
                assertThat(error.attr("type")).isEqualTo("error");
                assertThat(error.child("error").attr("code")).isEqualTo("401");
                assertThat(error.child("error").attr("text"))
                        .isEqualTo(tamper == TestPhone.Tamper.HMAC ? "hmac-mismatch" : "signature-mismatch");
                assertThat(h.store.entries).doesNotContainKey("creds");
                assertThat(h.server.logins.get()).isZero();
            }
        }
    }

    @Test
    void aPairSuccessThatCannotBeStoredIsNotAcknowledged() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.start();
            PairingQr qr = PairingQr.parse(h.listener.next(RecordingListener.Qr.class, 5).text());
            h.store.failWrites = true;
            h.server.last().send(h.phone.pairSuccess("ps-2", qr.identityKey(), qr.advSecret(), 3, 1, false,
                    TestPhone.Tamper.NONE));
            assertThat(h.listener.next(RecordingListener.Closed.class, 5).reason().action())
                    .isEqualTo(CloseAction.FATAL);
            Node answer = h.server.awaitReceived(n -> "ps-2".equals(n.attr("id")), 2);
            assertThat(answer.attr("type")).isEqualTo("error");
            assertThat(answer.child("error").attr("code")).isEqualTo("500");
        }
    }

    @Test
    void aRestartedClientWithCredentialsLogsInWithoutQr() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.client.close();
            assertThat(h.listener.next(RecordingListener.Closed.class, 5).reason().action())
                    .isEqualTo(CloseAction.CLOSED_BY_CLIENT);
            h.server.preKeyCount = 40;
            h.start();
            RecordingListener.Connected connected = h.listener.next(RecordingListener.Connected.class, 5);
            assertThat(connected.me()).isEqualTo(Jid.parse("15551234567:3@s.whatsapp.net"));
            assertThat(connected.lid()).isEqualTo(Jid.parse("9876543210:3@lid"));
            assertThat(h.server.registrations.get()).isEqualTo(1);
            assertThat(h.server.logins.get()).isEqualTo(2);
            assertThat(h.server.uploadedPreKeys.get()).isEqualTo(30); // 40 on the server: no upload

            // a store that lost its prekeys entry: the newest prekey is missing locally, so 5 new ones go up
            h.client.close();
            h.listener.next(RecordingListener.Closed.class, 5);
            h.store.entries.remove("prekeys");
            h.start();
            h.listener.next(RecordingListener.Connected.class, 5);
            assertThat(h.server.uploadedPreKeys.get()).isEqualTo(35);
            assertThat(h.storedCreds().nextPreKeyId()).isEqualTo(36);
        }
    }

    private static String step(Node iq) {
        String xmlns = String.valueOf(iq.attr("xmlns"));
        if (!xmlns.equals("encrypt")) {
            return xmlns;
        }
        Node first = iq.children().getFirst();
        return "encrypt:" + (first.tag().equals("registration") ? "upload" : first.tag());
    }

    private static byte[] bytes(Node n) {
        return ((NodeContent.Bytes) n.content()).data();
    }
}
