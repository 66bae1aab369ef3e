package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.media.MediaCipher;
import com.wagateway.whatsapp.media.MediaHashes;
import com.wagateway.whatsapp.media.MediaInfo;
import com.wagateway.whatsapp.media.MediaMessages;
import com.wagateway.whatsapp.media.MediaVerificationException;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.proto.MediaRetryProtos.MediaRetryNotification;
import com.wagateway.whatsapp.proto.MediaRetryProtos.ServerErrorReceipt;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media hosts and media between phones and companions (fact sheet §11): {@code media_conn}, uploads and downloads
 * over HTTPS with the emulator's own certificate (and refused without trusting it), the upload checks, the media
 * faults, phones sending and receiving each media type, and the media retry a companion asks for.
 */
class MediaTest {

    private static final long MAX_MEDIA = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture(c -> c.withMaxMediaBytes(MAX_MEDIA));

    // ---- media_conn, upload, download -----------------------------------------------------------------------

    @Test
    void mediaConnAnswersAnAuthTokenTtlAndTwoHostsOfTheMediaPort() throws Exception {
        TestCompanion.Conn conn = server.pairAndLogin(server.newPhone());
        Node answer = conn.iq("w:m", "set", Node.of("media_conn"));
        assertThat(answer.attr("type")).isEqualTo("result");
        Node mediaConn = answer.child("media_conn");
        assertThat(mediaConn.attr("auth")).hasSizeGreaterThan(20);
        assertThat(mediaConn.attr("ttl")).isEqualTo("300");
        assertThat(Long.parseLong(mediaConn.attr("auth_ttl"))).isPositive();
        int port = server.emulator().mediaPort();
        assertThat(mediaConn.children()).extracting(h -> h.attr("hostname"))
                .containsExactly("127.0.0.1:" + port, "localhost:" + port);
        assertThat(mediaConn.children()).extracting(h -> h.attr("maxContentLengthBytes"))
                .containsOnly(Long.toString(MAX_MEDIA));
        // a second ask gets another token
        assertThat(conn.iq("w:m", "set", Node.of("media_conn")).child("media_conn").attr("auth"))
                .isNotEqualTo(mediaConn.attr("auth"));
        conn.close();
    }

    @Test
    void uploadChecksAuthTokenKindAndSizeAndTheBlobIsServedOverHttps() throws Exception {
        TestCompanion.Conn conn = server.pairAndLogin(server.newPhone());
        String auth = conn.iq("w:m", "set", Node.of("media_conn")).child("media_conn").attr("auth");
        conn.close();
        MediaHttp http = server.mediaHttp();
        String host = server.emulator().mediaHosts().getFirst();
        byte[] blob = TestCompanion.RANDOM.bytes(70_000);
        byte[] sha = sha256(blob);

        HttpResponse<String> ok = http.upload(host, "image", blob, auth, sha);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        String directPath = body.path("direct_path").asString();
        assertThat(directPath).matches("/v/t62\\.7118-24/[0-9]+_[0-9]+_[0-9]+_n\\.enc\\?ccb=11-4&oh=01_[0-9a-f]+&oe=[0-9A-F]+&_nc_sid=5e03e0");
        assertThat(body.path("url").asString()).isEqualTo("https://" + host + directPath + "&mms3=true");

        HttpResponse<byte[]> download = http.get(URI.create(body.path("url").asString()));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(blob);
        // the other host name serves the same blob (Baileys downloads from hosts[0] + direct path)
        assertThat(http.get(URI.create("https://" + server.emulator().mediaHosts().get(1) + directPath)).body())
                .isEqualTo(blob);
        // a range, as a client resuming a download asks
        HttpResponse<byte[]> range = HttpClient.newBuilder().sslContext(MediaHttp.trusting(server.mediaCertificatePath()))
                .build().send(HttpRequest.newBuilder(URI.create("https://" + host + directPath))
                        .header("Range", "bytes=16-31").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(blob, 16, 32));

        assertThat(http.upload(host, "image", blob, "not-a-token", sha).statusCode()).isEqualTo(401);
        assertThat(http.upload(host, "image", blob, auth, sha256("other".getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(400);
        assertThat(http.upload(host, "nonsense", blob, auth, sha).statusCode()).isEqualTo(404);
        byte[] tooBig = new byte[(int) MAX_MEDIA + 1];
        assertThat(http.upload(host, "document", tooBig, auth, sha256(tooBig), true).statusCode()).isEqualTo(413);
        assertThat(http.get(URI.create("https://" + host + "/v/t62.7118-24/1_2_3_n.enc")).statusCode()).isEqualTo(404);
    }

    @Test
    void aClientThatDoesNotTrustTheEmulatorsCertificateCannotConnect() {
        HttpClient plain = HttpClient.newHttpClient();
        URI uri = URI.create("https://" + server.emulator().mediaHosts().getFirst() + "/v/t62.7118-24/1_2_3_n.enc");
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theCertificateIsServedByTheAdminApiAndKeptInTheDataFolder() {
        AdminClient.Reply media = server.admin().get("media");
        assertThat(media.body().path("certificatePath").asString())
                .isEqualTo(server.mediaCertificatePath().toString());
        assertThat(server.mediaCertificatePath()).startsWith(server.data().toAbsolutePath());
        assertThat(media.body().path("certificatePem").asString()).isEqualTo(server.mediaCertificatePem());
        assertThat(media.body().path("hosts")).hasSize(2);
        String pem = rawGet("media/certificate");
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").isEqualTo(server.mediaCertificatePem());
    }

    @Test
    void anUploadFailureFaultFailsOneHostAndTheOtherStillAccepts() throws Exception {
        TestCompanion.Conn conn = server.pairAndLogin(server.newPhone());
        String auth = conn.iq("w:m", "set", Node.of("media_conn")).child("media_conn").attr("auth");
        conn.close();
        AdminClient.Reply armed = server.admin().post("faults",
                "{\"mediaUploadFailure\":{\"host\":\"127.0.0.1\",\"status\":502,\"count\":2}}");
        assertThat(armed.status()).as(armed.body().toString()).isEqualTo(200);
        MediaHttp http = server.mediaHttp();
        List<String> hosts = server.emulator().mediaHosts();
        byte[] blob = TestCompanion.RANDOM.bytes(1000);
        assertThat(http.upload(hosts.get(0), "video", blob, auth, sha256(blob)).statusCode()).isEqualTo(502);
        HttpResponse<String> fallback = http.upload(hosts.get(1), "video", blob, auth, sha256(blob));
        assertThat(fallback.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fallback.body()).path("url").asString()).startsWith("https://" + hosts.get(1) + "/v/t62.7161-24/");
        assertThat(http.upload(hosts.get(0), "video", blob, auth, sha256(blob)).statusCode()).isEqualTo(502);
        assertThat(http.upload(hosts.get(0), "video", blob, auth, sha256(blob)).statusCode()).isEqualTo(200);
        assertThat(server.admin().post("faults", "{\"mediaUploadFailure\":{\"host\":\"example.com\"}}").status())
                .isEqualTo(400);
    }

    // ---- phones ---------------------------------------------------------------------------------------------

    @Test
    void phonesSendEveryMediaTypeAndTheReceiverShowsThePlaintextSha256() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        record Case(String type, String mimetype, String fileName, String caption) {
        }
        for (Case c : List.of(new Case("image", "image/jpeg", null, "a picture"),
                new Case("video", "video/mp4", null, "a clip"),
                new Case("audio", "audio/ogg; codecs=opus", null, null),
                new Case("document", "application/pdf", "report.pdf", "the report"))) {
            byte[] file = TestCompanion.RANDOM.bytes(5000 + c.type().length());
            String id = sendMedia(a, b, c.type(), file, c.mimetype(), c.fileName(), c.caption());
            JsonNode received = awaitReceived(b, id);
            assertThat(received.path("type").asString()).isEqualTo(c.type());
            JsonNode media = received.path("media");
            assertThat(media.path("error").isNull()).as(media.toString()).isTrue();
            assertThat(media.path("sha256").asString()).isEqualTo(HexFormat.of().formatHex(sha256(file)));
            assertThat(media.path("size").asLong()).isEqualTo(file.length);
            assertThat(media.path("decryptedSize").asLong()).isEqualTo(file.length);
            assertThat(media.path("mediaKeyTimestamp").asLong()).isPositive();
            assertThat(media.path("thumbnail").asBoolean()).isFalse();
            assertThat(media.path("width").isNull()).isTrue();
            assertThat(media.path("seconds").isNull()).isTrue();
            assertThat(media.path("mimetype").asString()).isEqualTo(c.mimetype());
            assertThat(media.path("fileName").isNull() ? null : media.path("fileName").asString()).isEqualTo(c.fileName());
            assertThat(media.path("caption").isNull() ? null : media.path("caption").asString()).isEqualTo(c.caption());
            JsonNode sent = sentEntry(a, id);
            assertThat(sent.path("type").asString()).isEqualTo(c.type());
            assertThat(sent.path("media").path("sha256").asString()).isEqualTo(media.path("sha256").asString());
            assertThat(sent.path("media").path("decryptedSize").asLong()).isEqualTo(file.length);
            assertThat(sent.path("media").path("mediaKeyTimestamp").asLong())
                    .isEqualTo(media.path("mediaKeyTimestamp").asLong());
        }
        // a voice note from a phone: ptt on both sides
        String voice = sendMedia(a, b, "audio", TestCompanion.RANDOM.bytes(900), "audio/ogg; codecs=opus", null, null,
                true);
        assertThat(awaitReceived(b, voice).path("media").path("ptt").asBoolean()).isTrue();
        assertThat(sentEntry(a, voice).path("media").path("ptt").asBoolean()).isTrue();
        // into a group
        String c = server.newPhone();
        String group = server.admin().post("groups", "{\"subject\":\"Pics\",\"participants\":[\"" + a + "\",\"" + b
                + "\",\"" + c + "\"]}").body().path("jid").asString();
        byte[] picture = TestCompanion.RANDOM.bytes(3000);
        String id = sendMedia(b, group, "image", picture, "image/png", null, "for the group");
        for (String member : List.of(a, c)) {
            JsonNode received = awaitReceived(member, id);
            assertThat(received.path("chat").asString()).isEqualTo(group);
            assertThat(received.path("media").path("sha256").asString()).isEqualTo(HexFormat.of().formatHex(sha256(picture)));
        }
        assertThat(server.admin().post("phones/" + a + "/messages", "{\"to\":\"" + b + "\",\"type\":\"sticker\",\"base64\":\"AA==\"}")
                .status()).isEqualTo(400);
        assertThat(server.admin().post("phones/" + a + "/messages", "{\"to\":\"" + b + "\",\"type\":\"image\",\"base64\":\"!!\"}")
                .status()).isEqualTo(400);
    }

    @Test
    void aTamperedBlobIsRecordedAsAVerificationErrorByTheReceivingPhone() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        assertThat(server.admin().post("phones/" + b + "/offline", "{}").status()).isEqualTo(200);
        String id = sendMedia(a, b, "document", TestCompanion.RANDOM.bytes(4000), "application/pdf", "x.pdf", null);
        AdminClient.Reply tampered = server.admin().post("faults", "{\"mediaTamper\":{\"messageId\":\"" + id + "\"}}");
        assertThat(tampered.status()).as(tampered.body().toString()).isEqualTo(200);
        assertThat(server.admin().post("phones/" + b + "/online", "{}").status()).isEqualTo(200);
        JsonNode media = awaitReceived(b, id).path("media");
        assertThat(media.path("error").asString()).startsWith("verification failed");
        assertThat(media.path("sha256").isNull()).isTrue();
    }

    @Test
    void anExpiredBlobAnswersTheInjectedStatusByMessageIdOrDirectPath() throws Exception {
        String a = server.newPhone();
        String b = server.newPhone();
        String id = sendMedia(a, b, "image", TestCompanion.RANDOM.bytes(2000), "image/jpeg", null, null);
        String directPath = awaitReceived(b, id).path("media").path("directPath").asString();
        URI url = URI.create("https://" + server.emulator().mediaHosts().getFirst() + directPath);
        MediaHttp http = server.mediaHttp();
        assertThat(http.get(url).statusCode()).isEqualTo(200);
        assertThat(server.admin().post("faults", "{\"mediaExpire\":{\"messageId\":\"" + id + "\"}}").status())
                .isEqualTo(200);
        assertThat(http.get(url).statusCode()).isEqualTo(410);
        assertThat(server.admin().post("faults", "{\"mediaExpire\":{\"directPath\":\"" + directPath
                + "\",\"status\":403}}").status()).isEqualTo(200);
        assertThat(http.get(url).statusCode()).isEqualTo(403);
        assertThat(server.admin().post("faults", "{\"mediaExpire\":{\"messageId\":\"3EB0NOPE\"}}").status())
                .isEqualTo(404);
        assertThat(server.admin().post("faults", "{\"mediaExpire\":{\"messageId\":\"" + id + "\",\"status\":500}}")
                .status()).isEqualTo(400);
    }

    // ---- companions ---------------------------------------------------------------------------------------

    @Test
    void aCompanionUploadsOverHttpsAndThePhoneDownloadsAndDecryptsIt() throws Exception {
        String phone = server.newPhone();
        String x = server.newPhone();
        SignalCompanion companion = SignalCompanion.login(server, server.pairByQr(x));
        companion.receiveText(server.sendText(phone, x, "hi")); // sets up the session the companion replies on

        byte[] file = TestCompanion.RANDOM.bytes(9000);
        UploadedMedia uploaded = upload(companion, MediaType.VIDEO, file);
        String id = companion.sendMessage(phone, MediaMessages.video(uploaded, "video/mp4", "from a companion", 3,
                null, null, null));
        JsonNode received = awaitReceived(phone, id);
        assertThat(received.path("type").asString()).isEqualTo("video");
        assertThat(received.path("text").asString()).isEqualTo("from a companion");
        assertThat(received.path("media").path("sha256").asString()).isEqualTo(HexFormat.of().formatHex(sha256(file)));
        companion.conn.close();
    }

    @Test
    void thePhoneShowsWhatACompanionsMediaStatesDimensionsThumbnailDurationPttAndLengths() throws Exception {
        String phone = server.newPhone();
        String x = server.newPhone();
        SignalCompanion companion = SignalCompanion.login(server, server.pairByQr(x));
        companion.receiveText(server.sendText(phone, x, "hi"));

        // an image with dimensions and a real 32x24 JPEG thumbnail
        byte[] picture = TestCompanion.RANDOM.bytes(6000);
        byte[] thumbnail = jpeg(32, 24);
        UploadedMedia image = upload(companion, MediaType.IMAGE, picture);
        String imageId = companion.sendMessage(phone, MediaMessages.image(image, "image/jpeg", "sized", 640, 480,
                thumbnail));
        JsonNode imageMedia = awaitReceived(phone, imageId).path("media");
        assertThat(imageMedia.path("error").isNull()).as(imageMedia.toString()).isTrue();
        assertThat(imageMedia.path("width").asInt()).isEqualTo(640);
        assertThat(imageMedia.path("height").asInt()).isEqualTo(480);
        assertThat(imageMedia.path("seconds").isNull()).isTrue();
        assertThat(imageMedia.path("ptt").asBoolean()).isFalse();
        assertThat(imageMedia.path("thumbnail").asBoolean()).isTrue();
        assertThat(imageMedia.path("thumbnailBytes").asInt()).isEqualTo(thumbnail.length);
        assertThat(imageMedia.path("thumbnailSha256").asString()).isEqualTo(HexFormat.of().formatHex(sha256(thumbnail)));
        assertThat(imageMedia.path("thumbnailWidth").asInt()).isEqualTo(32);
        assertThat(imageMedia.path("thumbnailHeight").asInt()).isEqualTo(24);
        assertThat(imageMedia.path("mediaKeyTimestamp").asLong()).isEqualTo(image.mediaKeyTimestamp());
        assertThat(imageMedia.path("size").asLong()).isEqualTo(picture.length);
        assertThat(imageMedia.path("decryptedSize").asLong()).isEqualTo(picture.length);

        // a voice note with its duration, and plain audio without one
        byte[] voice = TestCompanion.RANDOM.bytes(7000);
        String voiceId = companion.sendMessage(phone, MediaMessages.audio(upload(companion, MediaType.AUDIO, voice),
                "audio/ogg; codecs=opus", 7, true));
        JsonNode voiceMedia = awaitReceived(phone, voiceId).path("media");
        assertThat(voiceMedia.path("ptt").asBoolean()).as(voiceMedia.toString()).isTrue();
        assertThat(voiceMedia.path("seconds").asInt()).isEqualTo(7);
        assertThat(voiceMedia.path("width").isNull()).isTrue();
        assertThat(voiceMedia.path("thumbnail").asBoolean()).isFalse();
        assertThat(voiceMedia.path("thumbnailBytes").isNull()).isTrue();
        assertThat(voiceMedia.path("thumbnailSha256").isNull()).isTrue();
        String audioId = companion.sendMessage(phone, MediaMessages.audio(upload(companion, MediaType.AUDIO, voice),
                "audio/mpeg", null, false));
        JsonNode audioMedia = awaitReceived(phone, audioId).path("media");
        assertThat(audioMedia.path("ptt").asBoolean()).isFalse();
        assertThat(audioMedia.path("seconds").isNull()).isTrue();

        // a document whose thumbnail is no image and whose stated length is not the file's
        byte[] pdf = TestCompanion.RANDOM.bytes(5000);
        byte[] notAnImage = "not a jpeg".getBytes(StandardCharsets.UTF_8);
        Message document = MediaMessages.document(upload(companion, MediaType.DOCUMENT, pdf), "application/pdf",
                "stated.pdf", null);
        document = document.toBuilder().setDocumentMessage(document.getDocumentMessage().toBuilder()
                .setFileLength(pdf.length + 100).setJpegThumbnail(ByteString.copyFrom(notAnImage))).build();
        JsonNode documentMedia = awaitReceived(phone, companion.sendMessage(phone, document)).path("media");
        assertThat(documentMedia.path("fileName").asString()).as(documentMedia.toString()).isEqualTo("stated.pdf");
        assertThat(documentMedia.path("size").asLong()).isEqualTo(pdf.length + 100);
        assertThat(documentMedia.path("decryptedSize").asLong()).isEqualTo(pdf.length);
        assertThat(documentMedia.path("thumbnailBytes").asInt()).isEqualTo(notAnImage.length);
        assertThat(documentMedia.path("thumbnailSha256").asString()).isEqualTo(HexFormat.of().formatHex(sha256(notAnImage)));
        assertThat(documentMedia.path("thumbnailWidth").isNull()).isTrue();
        assertThat(documentMedia.path("thumbnailHeight").isNull()).isTrue();
        companion.conn.close();
    }

    @Test
    void aPhonesMediaReachesACompanionThatDecryptsItWithTheMessagesKey() throws Exception {
        String phone = server.newPhone();
        String x = server.newPhone();
        SignalCompanion companion = SignalCompanion.login(server, server.pairByQr(x));
        byte[] file = TestCompanion.RANDOM.bytes(12_345);
        String id = sendMedia(phone, x, "audio", file, "audio/ogg; codecs=opus", null, null);
        MediaInfo info = MediaMessages.read(companion.receive(id));
        assertThat(info.type()).isEqualTo(MediaType.AUDIO);
        assertThat(info.url()).startsWith("https://" + server.emulator().mediaHosts().getFirst() + "/v/t62.7117-24/");
        assertThat(download(info)).isEqualTo(file);

        // tampered: the HTTPS download gets a flipped byte, so the MAC no longer verifies
        assertThat(server.admin().post("faults", "{\"mediaTamper\":{\"directPath\":\"" + info.url() + "\"}}")
                .status()).isEqualTo(200);
        assertThatThrownBy(() -> download(info)).isInstanceOf(MediaVerificationException.class)
                .extracting(e -> ((MediaVerificationException) e).reason())
                .isEqualTo(MediaVerificationException.Reason.BAD_MAC);
        companion.conn.close();
    }

    @Test
    void aMediaRetryInAGroupGoesToTheAuthorNamedByParticipant() throws Exception {
        String author = server.newPhone();
        String other = server.newPhone();
        String x = server.newPhone();
        SignalCompanion companion = SignalCompanion.login(server, server.pairByQr(x));
        String group = server.admin().post("groups", "{\"subject\":\"Retry\",\"participants\":[\"" + other + "\",\""
                + author + "\",\"" + x + "\"]}").body().path("jid").asString();
        byte[] file = TestCompanion.RANDOM.bytes(4_000);
        String id = sendMedia(author, group, "document", file, "application/pdf", "g.pdf", null);
        MediaInfo info = MediaMessages.read(companion.receive(id));
        assertThat(server.admin().post("faults", "{\"mediaExpire\":{\"messageId\":\"" + id + "\",\"status\":404}}")
                .status()).isEqualTo(200);
        String authorLid = server.admin().get("phones/" + author).body().path("lid").asString();
        Node notification = mediaRetry(companion, id, id, info.mediaKey(), Attributes.of("jid", group, "from_me",
                "false", "participant", authorLid), x);
        assertThat(notification.child("rmr").attr("participant")).isEqualTo(authorLid);
        MediaRetryNotification answer = openNotification(notification, info.mediaKey(), id);
        assertThat(answer.getResult()).isEqualTo(MediaRetryNotification.ResultType.SUCCESS);
        MediaInfo moved = new MediaInfo(info.type(), info.mimetype(), null, answer.getDirectPath(), info.mediaKey(),
                info.fileSha256(), info.fileEncSha256(), info.fileLength(), null, null, null, false, null, null);
        assertThat(download(moved)).isEqualTo(file);
        companion.conn.close();
    }

    @Test
    void aMediaRetryMakesTheSendingPhoneReuploadAndAnswerWithTheNewPath() throws Exception {
        String phone = server.newPhone();
        String x = server.newPhone();
        SignalCompanion companion = SignalCompanion.login(server, server.pairByQr(x));
        byte[] file = TestCompanion.RANDOM.bytes(20_000);
        String id = sendMedia(phone, x, "image", file, "image/jpeg", null, "retry me");
        MediaInfo info = MediaMessages.read(companion.receive(id));
        assertThat(server.admin().post("faults", "{\"mediaExpire\":{\"messageId\":\"" + id + "\"}}").status())
                .isEqualTo(200);
        URI old = URI.create("https://" + server.emulator().mediaHosts().getFirst() + info.directPath());
        assertThat(server.mediaHttp().get(old).statusCode()).isEqualTo(410);

        String sender = phone + "@s.whatsapp.net";
        Node notification = mediaRetry(companion, id, id, info.mediaKey(), sender, x);
        assertThat(notification.attr("from")).isEqualTo(x + "@s.whatsapp.net");
        assertThat(notification.child("rmr").attr("jid")).isEqualTo(sender);
        assertThat(notification.child("error")).isNull();
        MediaRetryNotification answer = openNotification(notification, info.mediaKey(), id);
        assertThat(answer.getResult()).isEqualTo(MediaRetryNotification.ResultType.SUCCESS);
        assertThat(answer.getStanzaId()).isEqualTo(id);
        assertThat(answer.getDirectPath()).isNotEqualTo(info.directPath()).startsWith("/v/t62.7118-24/");
        MediaInfo moved = new MediaInfo(info.type(), info.mimetype(), null, answer.getDirectPath(), info.mediaKey(),
                info.fileSha256(), info.fileEncSha256(), info.fileLength(), null, null, null, false, null, null);
        assertThat(download(moved)).isEqualTo(file);
        JsonNode sent = sentEntry(phone, id);
        assertThat(sent.path("media").path("directPath").asString()).isEqualTo(answer.getDirectPath());

        // a request that does not decrypt to this message id: DECRYPTION_ERROR, still readable with the key
        Node wrong = mediaRetry(companion, id, "3EB0OTHER", info.mediaKey(), sender, x);
        assertThat(openNotification(wrong, info.mediaKey(), id).getResult())
                .isEqualTo(MediaRetryNotification.ResultType.DECRYPTION_ERROR);
        // a message the phone never sent: <error code="2"/> (not available on the phone)
        Node unknown = mediaRetry(companion, "3EB0000000000000000000", "3EB0000000000000000000", info.mediaKey(),
                sender, x);
        assertThat(unknown.child("error").attr("code")).isEqualTo("2");
        assertThat(unknown.child("encrypt")).isNull();
        companion.conn.close();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Sends {@code <receipt type="server-error">} as Baileys' encryptMediaRetryRequest builds it; returns the answer. */
    private static Node mediaRetry(SignalCompanion companion, String id, String stanzaId, byte[] mediaKey,
                                   String chat, String own) throws Exception {
        return mediaRetry(companion, id, stanzaId, mediaKey, Attributes.of("jid", chat, "from_me", "false"), own);
    }

    private static Node mediaRetry(SignalCompanion companion, String id, String stanzaId, byte[] mediaKey,
                                   Attributes rmr, String own) throws Exception {
        byte[] iv = TestCompanion.RANDOM.bytes(12);
        byte[] ciphertext = AesGcm.encrypt(retryKey(mediaKey), iv, id.getBytes(StandardCharsets.UTF_8),
                ServerErrorReceipt.newBuilder().setStanzaId(stanzaId).build().toByteArray());
        companion.conn.send(Node.of("receipt", Attributes.of("id", id, "to", own + "@s.whatsapp.net",
                "type", "server-error"), List.of(
                Node.of("encrypt", Attributes.empty(), List.of(Node.of("enc_p", Attributes.empty(), ciphertext),
                        Node.of("enc_iv", Attributes.empty(), iv))),
                Node.of("rmr", rmr))));
        // (the delivery receipt sent on receiving the message has its own ack, without this type)
        companion.conn.await(n -> n.tag().equals("ack") && id.equals(n.attr("id"))
                && "receipt".equals(n.attr("class")) && "server-error".equals(n.attr("type")));
        Node notification = companion.conn.await(n -> n.tag().equals("notification")
                && "mediaretry".equals(n.attr("type")) && id.equals(n.attr("id")));
        companion.conn.send(Node.of("ack", Attributes.of("id", id, "class", "notification", "type", "mediaretry",
                "to", notification.attr("from"))));
        return notification;
    }

    private static MediaRetryNotification openNotification(Node notification, byte[] mediaKey, String id)
            throws Exception {
        Node encrypt = notification.child("encrypt");
        byte[] plain = AesGcm.decrypt(retryKey(mediaKey), TestCompanion.data(encrypt.child("enc_iv")),
                id.getBytes(StandardCharsets.UTF_8), TestCompanion.data(encrypt.child("enc_p")));
        return MediaRetryNotification.parseFrom(plain);
    }

    private static byte[] retryKey(byte[] mediaKey) {
        return Hkdf.derive(mediaKey, null, "WhatsApp Media Retry Notification", 32);
    }

    /** Encrypts and uploads as a client does: media_conn, then POST to the first host. */
    private static UploadedMedia upload(SignalCompanion companion, MediaType type, byte[] file) throws Exception {
        Node mediaConn = companion.conn.iq("w:m", "set", Node.of("media_conn")).child("media_conn");
        byte[] mediaKey = TestCompanion.RANDOM.bytes(32);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        MediaHashes hashes = MediaCipher.encrypt(new ByteArrayInputStream(file), blob, mediaKey, type, MAX_MEDIA);
        String host = mediaConn.children().getFirst().attr("hostname");
        HttpResponse<String> response = server.mediaHttp().upload(host, type.wireName(), blob.toByteArray(),
                mediaConn.attr("auth"), hashes.fileEncSha256());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return new UploadedMedia(type, body.path("url").asString(), body.path("direct_path").asString(), mediaKey,
                hashes, System.currentTimeMillis() / 1000);
    }

    /** Downloads over HTTPS from the first host and verifies and decrypts with the message's keys and hashes. */
    private static byte[] download(MediaInfo info) throws Exception {
        HttpResponse<byte[]> blob = server.mediaHttp().get(URI.create("https://"
                + server.emulator().mediaHosts().getFirst() + info.directPath()));
        assertThat(blob.statusCode()).isEqualTo(200);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        MediaCipher.decrypt(new ByteArrayInputStream(blob.body()), plain, info.mediaKey(), info.type(),
                info.fileEncSha256(), info.fileSha256(), MAX_MEDIA * 2);
        return plain.toByteArray();
    }

    private static String sendMedia(String from, String to, String type, byte[] file, String mimetype,
                                    String fileName, String caption) {
        return sendMedia(from, to, type, file, mimetype, fileName, caption, false);
    }

    private static String sendMedia(String from, String to, String type, byte[] file, String mimetype,
                                    String fileName, String caption, boolean ptt) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (ptt) {
            body.put("ptt", true);
        }
        body.put("to", to);
        body.put("type", type);
        body.put("base64", Base64.getEncoder().encodeToString(file));
        body.put("mimetype", mimetype);
        if (fileName != null) {
            body.put("fileName", fileName);
        }
        if (caption != null) {
            body.put("caption", caption);
        }
        AdminClient.Reply reply = server.admin().post("phones/" + from + "/messages", JSON.writeValueAsString(body));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.body().path("id").asString();
    }

    private static JsonNode awaitReceived(String phone, String id) throws InterruptedException {
        JsonNode body = server.awaitMessages(phone, b -> find(b.path("messages"), id) != null);
        return find(body.path("messages"), id);
    }

    private static JsonNode sentEntry(String phone, String id) {
        return find(server.admin().get("phones/" + phone + "/messages").body().path("sent"), id);
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode m : list) {
            if (id.equals(m.path("id").asString())) {
                return m;
            }
        }
        return null;
    }

    private static String rawGet(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.emulator().adminUrl().resolve(path))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] jpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpg", out)).isTrue();
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
