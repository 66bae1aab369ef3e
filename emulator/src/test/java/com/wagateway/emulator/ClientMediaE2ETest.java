package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.emulator.ClientMessagingE2ETest.Events;
import com.wagateway.emulator.ClientMessagingE2ETest.MemoryStore;
import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.ClientRuntime;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.MediaExecutor;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaHashes;
import com.wagateway.whatsapp.media.MediaMessages;
import com.wagateway.whatsapp.media.MediaSettings;
import com.wagateway.whatsapp.media.MediaTrust;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The {@code whatsapp} client's media against the emulator: media_conn, HTTPS upload to the emulator's media hosts
 * (trusted through the PEM of its own certificate, as the worker's {@code WA_MEDIA_TRUST_CERT} does), a media
 * message a virtual phone decrypts, a document a phone sends downloaded and verified, and a media-retry round after
 * the emulator expired the blob.
 */
class ClientMediaE2ETest {

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture();
    static ScheduledThreadPoolExecutor scheduler;
    static ExecutorService media;
    static ClientRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        scheduler = new ScheduledThreadPoolExecutor(2);
        scheduler.setRemoveOnCancelPolicy(true);
        media = MediaExecutor.bounded(2);
        runtime = new ClientRuntime(HttpClient.newHttpClient(), scheduler, RandomSource.secure(), Clock.systemUTC(),
                scheduler, media);
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        media.shutdownNow();
    }

    record Session(WhatsAppClient client, Events events, String number) {}

    static Session pairedSession() throws Exception {
        String number = server.newPhone();
        ClientConfig config = ClientConfig.defaults()
                .withServer(server.emulator().wsUrl(), TrustRoot.of(server.emulator().rootPublicKey()))
                .withPushName("Gateway")
                .withMedia(MediaSettings.defaults().withSslContext(MediaTrust.fromPem(server.mediaCertificatePath())));
        Events events = new Events();
        WhatsAppClient client = WhatsAppClient.start("media-e2e-" + number, config, runtime, new MemoryStore(), events);
        ClientMessagingE2ETest.await(() -> !events.qrs.isEmpty(), "a QR");
        AdminClient.Reply linked = server.admin().link(number, events.qrs.getFirst());
        assertThat(linked.status()).as(linked.body().toString()).isEqualTo(200);
        ClientMessagingE2ETest.await(() -> !events.connected.isEmpty(), "connected");
        return new Session(client, events, number);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode m : list) {
            if (id.equals(m.path("id").asString())) {
                return m;
            }
        }
        return null;
    }

    @Test
    void uploadsAndSendsAnImageThePhoneDecrypts() throws Exception {
        Session s = pairedSession();
        String b = server.newPhone();
        byte[] image = RandomSource.secure().bytes(150_000);
        Path file = Files.write(dir.resolve("photo.jpg"), image);

        UploadedMedia uploaded = s.client().uploadMedia(file, MediaType.IMAGE, 16L << 20).get(30, TimeUnit.SECONDS);
        assertThat(uploaded.directPath()).startsWith("/v/");
        String id = ClientMessagingE2ETest.newId();
        s.client().sendMessage(id, Jid.of(b, Jid.WHATSAPP),
                MediaMessages.image(uploaded, "image/jpeg", "a caption", 10, 10, null)).get(30, TimeUnit.SECONDS);

        JsonNode body = server.awaitMessages(b, m -> {
            JsonNode entry = find(m.path("messages"), id);
            return entry != null && !entry.path("media").path("sha256").isMissingNode()
                    && !entry.path("media").path("sha256").isNull();
        });
        JsonNode received = find(body.path("messages"), id);
        assertThat(received.path("type").asString()).isEqualTo("image");
        assertThat(received.path("text").asString()).isEqualTo("a caption");
        assertThat(received.path("media").path("sha256").asString()).isEqualTo(sha256(image));
        assertThat(received.path("media").path("size").asLong()).isEqualTo(image.length);
        assertThat(received.path("media").path("mimetype").asString()).isEqualTo("image/jpeg");
        s.client().close();
    }

    @Test
    void downloadsADocumentAPhoneSentAgainAfterTheBlobExpired() throws Exception {
        Session s = pairedSession();
        String b = server.newPhone();
        byte[] pdf = RandomSource.secure().bytes(40_000);
        AdminClient.Reply sent = server.admin().post("phones/" + b + "/messages", "{\"to\":\"" + s.number()
                + "\",\"type\":\"document\",\"base64\":\"" + Base64.getEncoder().encodeToString(pdf)
                + "\",\"mimetype\":\"application/pdf\",\"fileName\":\"report.pdf\"}");
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);
        String id = sent.body().path("id").asString();
        ClientMessagingE2ETest.await(() -> s.events().received.stream().anyMatch(m -> m.messageId().equals(id)),
                "the document");
        IncomingMessage message = s.events().received.stream().filter(m -> m.messageId().equals(id)).findFirst()
                .orElseThrow();
        assertThat(message.type()).isEqualTo("document");
        assertThat(message.media().fileName()).isEqualTo("report.pdf");

        Path first = dir.resolve("first.pdf");
        MediaHashes hashes = s.client().downloadMedia(message, first, 1 << 20).get(30, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(first)).isEqualTo(pdf);
        assertThat(HexFormat.of().formatHex(hashes.fileSha256())).isEqualTo(sha256(pdf));

        // the host forgets the blob: the client asks the sending phone to upload again and downloads the new copy
        AdminClient.Reply expired = server.admin().post("faults", "{\"mediaExpire\":{\"messageId\":\"" + id
                + "\",\"status\":410}}");
        assertThat(expired.status()).as(expired.body().toString()).isEqualTo(200);
        Path second = dir.resolve("second.pdf");
        s.client().downloadMedia(message, second, 1 << 20).get(60, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(second)).isEqualTo(pdf);
        // the message's own path still answers 410: the bytes came from the phone's new upload
        java.net.URI old = java.net.URI.create("https://" + server.emulator().mediaHosts().getFirst()
                + message.media().directPath());
        assertThat(server.mediaHttp().get(old).statusCode()).isEqualTo(410);
        s.client().close();
    }
}
