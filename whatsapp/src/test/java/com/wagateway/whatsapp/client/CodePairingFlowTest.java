package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Phone-number code pairing (§7) both ways: the scripted server plays the server and the phone half. */
@Timeout(30)
class CodePairingFlowTest {

    private static byte[] bytes(Node n) {
        byte[] content = n.contentBytes();
        if (content == null) {
            throw new AssertionError("no content in " + n);
        }
        return content;
    }

    private static String text(Node n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    @Test
    void theCodeLinksTheDeviceThroughCompanionHelloNotificationAndFinish() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            byte[] ref = "LINKREF-1".getBytes(StandardCharsets.UTF_8);
            h.server.onNode = (conn, n) -> {
                Node reg = n.child("link_code_companion_reg");
                if (reg != null && "companion_hello".equals(reg.attr("stage"))) {
                    conn.send(ScriptedServer.result(n, Node.of("link_code_companion_reg", Attributes.empty(),
                            List.of(Node.of("link_code_pairing_ref", Attributes.empty(), ref)))));
                } else if (n.child("pair-device-sign") != null) {
                    conn.send(Node.of("stream:error", Attributes.of("code", "515")));
                } else {
                    ScriptedServer.answerDefault(conn, n);
                }
            };
            h.start();
            h.listener.next(RecordingListener.Qr.class, 5); // QR and code race; the code wins here
            String shown = h.client.requestPairingCode("15551234567").get(10, TimeUnit.SECONDS);
            assertThat(shown).matches("[1-9A-HJ-NP-TV-Z]{4}-[1-9A-HJ-NP-TV-Z]{4}");
            String code = shown.replace("-", "");

            Node hello = h.server.awaitReceived(n -> n.child("link_code_companion_reg") != null, 2);
            assertThat(hello.attr("xmlns")).isEqualTo("md");
            assertThat(hello.attr("type")).isEqualTo("set");
            Node reg = hello.child("link_code_companion_reg");
            assertThat(reg.attr("jid")).isEqualTo("15551234567@s.whatsapp.net");
            assertThat(reg.attr("should_show_push_notification")).isEqualTo("true");
            assertThat(bytes(reg.child("companion_server_auth_key_pub"))).isEqualTo(h.server.last().clientNoiseKey);
            assertThat(text(reg.child("companion_platform_id"))).isEqualTo("1");
            assertThat(text(reg.child("companion_platform_display"))).isEqualTo("Chrome (Mac OS)");
            assertThat(text(reg.child("link_code_pairing_nonce"))).isEqualTo("0");

            // the phone: the user typed the code
            byte[] companionEphemeral = CodePairing.unwrap(code,
                    bytes(reg.child("link_code_pairing_wrapped_companion_ephemeral_pub")));
            Curve25519KeyPair phoneEphemeral = Curve25519.generateKeyPair(RandomSource.secure());
            byte[] wrappedPrimary = CodePairing.wrap(code, phoneEphemeral.publicKey(), RandomSource.secure());
            h.server.last().send(Node.of("notification", Attributes.of("from", "@s.whatsapp.net", "type",
                    "link_code_companion_reg", "id", "n-1", "t", "1700000000"), List.of(
                    Node.of("link_code_companion_reg", Attributes.empty(), List.of(
                            Node.of("link_code_pairing_ref", Attributes.empty(), ref),
                            Node.of("primary_identity_pub", Attributes.empty(), h.phone.account.publicKey()),
                            Node.of("link_code_pairing_wrapped_primary_ephemeral_pub", Attributes.empty(),
                                    wrappedPrimary))))));
            Node ack = h.server.awaitReceived(n -> n.tag().equals("ack"), 5);
            assertThat(ack.attr("id")).isEqualTo("n-1");
            assertThat(ack.attr("class")).isEqualTo("notification");
            assertThat(ack.attr("type")).isEqualTo("link_code_companion_reg");
            assertThat(ack.attr("to")).isEqualTo("@s.whatsapp.net");

            Node finishIq = h.server.awaitReceived(n -> n.child("link_code_companion_reg") != null, 5);
            Node finish = finishIq.child("link_code_companion_reg");
            assertThat(finish.attr("stage")).isEqualTo("companion_finish");
            assertThat(bytes(finish.child("link_code_pairing_ref"))).isEqualTo(ref);
            byte[] companionIdentity = bytes(finish.child("companion_identity_public"));
            byte[] bundle = bytes(finish.child("link_code_pairing_wrapped_key_bundle"));
            byte[] ephShared = Curve25519.sharedSecret(phoneEphemeral.privateKey(), companionEphemeral);
            byte[] plain = AesGcm.decrypt(Hkdf.derive(ephShared, Arrays.copyOfRange(bundle, 0, 32),
                            "link_code_pairing_key_bundle_encryption_key", 32), Arrays.copyOfRange(bundle, 32, 44),
                    new byte[0], Arrays.copyOfRange(bundle, 44, bundle.length));
            assertThat(Arrays.copyOfRange(plain, 0, 32)).isEqualTo(companionIdentity);
            byte[] identityShared = Curve25519.sharedSecret(h.phone.account.privateKey(), companionIdentity);
            byte[] advSecret = Hkdf.derive(CodePairing.concat(ephShared, identityShared,
                    Arrays.copyOfRange(plain, 64, 96)), null, "adv_secret", 32);
            h.server.last().send(ScriptedServer.result(finishIq));

            // pair-success keyed with the derived secret: only a client that derived it accepts
            h.server.last().send(h.phone.pairSuccess("ps-code", companionIdentity, advSecret, 4, 2, false,
                    TestPhone.Tamper.NONE));
            RecordingListener.Connected connected = h.listener.until(RecordingListener.Connected.class, 8);
            assertThat(connected.me()).isEqualTo(Jid.parse("15551234567:4@s.whatsapp.net"));
            assertThat(h.storedCreds().advSecret()).isEqualTo(advSecret);
        }
    }

    @Test
    void anErrorAnswerFailsTheRequestAndBadInputIsRefused() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.server.onNode = (conn, n) -> {
                if (n.child("link_code_companion_reg") != null) {
                    conn.send(Node.of("iq", Attributes.of("from", "@s.whatsapp.net", "type", "error", "id",
                            n.attr("id")), List.of(Node.of("error", Attributes.of("code", "400", "text",
                            "bad-request")))));
                }
            };
            h.start();
            h.listener.next(RecordingListener.Qr.class, 5);
            assertThatThrownBy(() -> h.client.requestPairingCode("15551234567").get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(IqException.class, e -> {
                        assertThat(e.code()).isEqualTo(400);
                        assertThat(e.text()).isEqualTo("bad-request");
                    });
            assertThatThrownBy(() -> h.client.requestPairingCode("+1555").get(1, TimeUnit.SECONDS))
                    .cause().isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aPairedSessionRefusesACodeRequest() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            assertThatThrownBy(() -> h.client.requestPairingCode("15551234567").get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("already paired");
        }
    }
}
