package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaHostServer;
import com.wagateway.whatsapp.media.MediaMessages;
import com.wagateway.whatsapp.media.MediaSettings;
import com.wagateway.whatsapp.media.MediaTransferException;
import com.wagateway.whatsapp.media.TestCertificate;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.proto.MediaRetryProtos.MediaRetryNotification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Media through the whole client: media_conn over the connection, the media-retry receipt out, its notification in. */
class ClientMediaTest {

    private static final Jid ALICE = Jid.parse("15550002222@s.whatsapp.net");

    @TempDir
    Path dir;

    private static void answerMediaConn(ClientHarness h, MediaHostServer host) {
        h.server.onNode = (conn, n) -> {
            if (ScriptedServer.isIq(n, "w:m") && n.child("media_conn") != null) {
                conn.send(Node.of("iq", Attributes.of("from", "@s.whatsapp.net", "type", "result", "id", n.attr("id")),
                        List.of(Node.of("media_conn", Attributes.of("auth", "tok", "ttl", "300"), List.of(
                                Node.of("host", Attributes.of("hostname", host.host(),
                                        "maxContentLengthBytes", "104857600")))))));
            } else {
                ScriptedServer.answerDefault(conn, n);
            }
        };
    }

    @Test
    void uploadsThenDownloadsThroughAMediaRetryRound() throws Exception {
        TestCertificate certificate = TestCertificate.create("client-media-test");
        try (ClientHarness h = new ClientHarness(); MediaHostServer host = new MediaHostServer(certificate)) {
            h.config = h.config.withMedia(MediaSettings.defaults().withSslContext(certificate.clientContext()));
            h.pairByQr();
            answerMediaConn(h, host);
            Path plain = Files.write(dir.resolve("in.pdf"), "%PDF-1.4 a small document".repeat(500)
                    .getBytes(StandardCharsets.US_ASCII));

            UploadedMedia uploaded = h.client.uploadMedia(plain, MediaType.DOCUMENT, 1 << 20).get(10, TimeUnit.SECONDS);
            assertThat(h.server.awaitReceived(n -> ScriptedServer.isIq(n, "w:m"), 5)).isNotNull();
            assertThat(host.requests).singleElement().satisfies(r -> assertThat(r.rawQuery()).startsWith("auth=tok&"));

            // the blob expired on the host: the phone is asked to upload again
            String oldPath = uploaded.directPath();
            byte[] blob = host.blobs.remove(oldPath);
            var media = MediaMessages.read(MediaMessages.document(uploaded, "application/pdf", "in.pdf", null));
            IncomingMessage message = new IncomingMessage("3EB0D0C0FFEE", ALICE, ALICE, null, null, "document", null,
                    Instant.now(), null, false, media);
            Path target = dir.resolve("out.pdf");
            var download = h.client.downloadMedia(message, target, 1 << 20);

            Node receipt = h.server.awaitReceived(n -> n.tag().equals("receipt")
                    && "server-error".equals(n.attr("type")), 10);
            assertThat(receipt.attr("id")).isEqualTo("3EB0D0C0FFEE");
            assertThat(receipt.attr("to")).isEqualTo(h.storedCreds().me().toNormalizedUser().toString());
            assertThat(receipt.child("rmr").attrs().asMap()).containsEntry("jid", ALICE.toString())
                    .containsEntry("from_me", "false").doesNotContainKey("participant");

            host.blobs.put("/v/t62.7118-24/again.enc", blob);
            byte[] iv = new byte[12];
            byte[] sealed = AesGcm.encrypt(Hkdf.derive(uploaded.mediaKey(), null, "WhatsApp Media Retry Notification",
                    32), iv, "3EB0D0C0FFEE".getBytes(StandardCharsets.UTF_8), MediaRetryNotification.newBuilder()
                    .setStanzaId("3EB0D0C0FFEE").setDirectPath("/v/t62.7118-24/again.enc")
                    .setResult(MediaRetryNotification.ResultType.SUCCESS).build().toByteArray());
            h.server.last().send(Node.of("notification", Attributes.of("from", h.storedCreds().me().toNormalizedUser()
                    .toString(), "type", "mediaretry", "id", "3EB0D0C0FFEE", "t", "1"), List.of(
                    Node.of("rmr", Attributes.of("jid", ALICE.toString(), "from_me", "false")),
                    Node.of("encrypt", Attributes.empty(), List.of(Node.of("enc_p", Attributes.empty(), sealed),
                            Node.of("enc_iv", Attributes.empty(), iv))))));

            download.get(10, TimeUnit.SECONDS);
            assertThat(target).hasSameBinaryContentAs(plain);
            Node ack = h.server.awaitReceived(n -> n.tag().equals("ack") && "3EB0D0C0FFEE".equals(n.attr("id")), 5);
            assertThat(ack.attr("class")).isEqualTo("notification");
            assertThat(host.requests).extracting(MediaHostServer.Request::path)
                    .endsWith(oldPath, "/v/t62.7118-24/again.enc");
        }
    }

    @Test
    void uploadBeforeLoginFailsAsNotConnected() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.start();
            Path plain = Files.write(dir.resolve("a.bin"), new byte[10]);
            assertThatThrownBy(() -> h.client.uploadMedia(plain, MediaType.IMAGE, 100).get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(MediaTransferException.class, e -> assertThat(e.reason())
                            .isEqualTo(MediaTransferException.Reason.NOT_CONNECTED));
        }
    }

    @Test
    void configKeepsMediaSettingsThroughEveryWither() {
        MediaSettings custom = MediaSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3));
        ClientConfig config = ClientConfig.defaults().withMedia(custom).withPushName("x").withMaxSkippedKeys(5)
                .withRetryCache(1, 2).withMessageAckTimeout(Duration.ofSeconds(9));
        assertThat(config.media()).isSameAs(custom);
        assertThat(ClientConfig.defaults().media().retryTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
