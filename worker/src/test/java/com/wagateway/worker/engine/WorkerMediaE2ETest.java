package com.wagateway.worker.engine;

import static com.wagateway.worker.engine.MessagingHarness.MESSAGE_PATH;
import static com.wagateway.worker.engine.MessagingHarness.MESSAGE_STATUS_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.wagateway.worker.avro.MediaReference;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.SendMessageCommand;
import com.wagateway.worker.avro.ReceivedMedia;
import com.wagateway.worker.engine.EmulatorAdmin.Answer;
import com.wagateway.worker.engine.MessagingHarness.Linked;
import com.wagateway.worker.engine.RestCalls.Reply;
import com.wagateway.worker.media.content.MediaSamples;
import com.wagateway.worker.media.fetch.HostResolver;
import com.wagateway.worker.session.SessionStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 8 end to end: a whole worker against the emulator (its HTTPS media hosts with their own certificate, trusted
 * through {@code WA_MEDIA_TRUST_CERT}) and an origin HTTP server on 127.0.0.1 that serves the files to send.
 *
 * <p>The origin is reached as {@code media-origin.test}: {@code MEDIA_ALLOWED_HOSTS} names exactly that host and a
 * {@code HostResolver} seam maps it to 127.0.0.1. That, rather than {@code MEDIA_ALLOW_PRIVATE_NETWORKS=true}, keeps
 * the guard on for everything else, so the same worker shows that {@code http://127.0.0.1/…} is still refused. Every
 * connection of this test stays on loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerMediaE2ETest {

    private static final String ORIGIN_HOST = "media-origin.test";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] JPEG = MediaSamples.jpeg(320, 240);
    private static final byte[] MP4 = MediaSamples.mp4(320, 240, 3, true);
    private static final byte[] OPUS = MediaSamples.oggOpus(4);
    private static final byte[] PDF = MediaSamples.pdf();

    private static final Duration SLOW_ORIGIN = Duration.ofSeconds(2);
    private static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(6);
    private static final java.util.concurrent.atomic.AtomicInteger STALLS_SERVED =
            new java.util.concurrent.atomic.AtomicInteger();

    private static final Map<String, Served> FILES = new ConcurrentHashMap<>();
    private static HttpServer origin;
    private static MessagingHarness h;

    record Served(byte[] body, String contentType) {}

    @BeforeAll
    static void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/files/", exchange -> {
            Served f = FILES.get(exchange.getRequestURI().getPath().substring("/files/".length()));
            if (f == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", f.contentType());
                exchange.sendResponseHeaders(200, f.body().length);
                exchange.getResponseBody().write(f.body());
            }
            exchange.close();
        });
        // a slow origin: the image's preparation outlasts the text sent after it
        origin.createContext("/slow/", exchange -> {
            try {
                Thread.sleep(SLOW_ORIGIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, JPEG.length);
            exchange.getResponseBody().write(JPEG);
            exchange.close();
        });
        // an origin that answers only after the media send's time limit (MEDIA_PREPARE_TIMEOUT)
        origin.createContext("/stall/", exchange -> {
            try {
                Thread.sleep(PREPARE_TIMEOUT.plusSeconds(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, JPEG.length);
            exchange.getResponseBody().write(JPEG);
            exchange.close();
            STALLS_SERVED.incrementAndGet();
        });
        origin.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // slow ones block none
        origin.start();
        FILES.put("photo.jpg", new Served(JPEG, "image/jpeg"));
        FILES.put("clip.mp4", new Served(MP4, "video/mp4"));
        FILES.put("note.ogg", new Served(OPUS, "audio/ogg"));
        FILES.put("report.pdf", new Served(PDF, "application/pdf"));
        FILES.put("huge.jpg", new Served(new byte[1 << 20], "image/jpeg"));
        FILES.put("lie.jpg", new Served(PDF, "image/jpeg"));

        HostResolver resolver = name -> {
            if (ORIGIN_HOST.equals(name)) {
                return List.of(InetAddress.getByAddress(ORIGIN_HOST, new byte[] {127, 0, 0, 1}));
            }
            // names whose DNS answer is refused: the fetcher must stop before any connection (the harness's
            // loopback-only dialer would fail the test if it ever dialled them)
            if ("intranet.test".equals(name)) {
                return List.of(InetAddress.getByAddress(name, new byte[] {10, 0, 0, 5}));
            }
            if ("metadata.test".equals(name)) {
                return List.of(InetAddress.getByAddress(name, new byte[] {(byte) 169, (byte) 254, (byte) 169,
                        (byte) 254}));
            }
            throw new UnknownHostException(name + " (this test resolves only " + ORIGIN_HOST + ")");
        };
        h = new MessagingHarness("media", Map.of(
                "worker.media.fetch.allowed-hosts", ORIGIN_HOST,
                "worker.media.max-bytes.image", "512KB",
                "worker.media-transfer.prepare-timeout", PREPARE_TIMEOUT.toSeconds() + "s"),
                Map.of(HostResolver.class, resolver));
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
        if (origin != null) {
            origin.stop(0);
        }
    }

    @Test
    @Order(1)
    void eachMediaTypeSentOverRestReachesThePhoneWithTheSourcesSha256() {
        Linked s = h.pair("media-out");
        String bob = h.newPhone();

        record Case(String type, String file, byte[] bytes, String mimetype, String filename, String caption) {}
        List<Case> cases = List.of(
                new Case("image", "photo.jpg", JPEG, "image/jpeg", null, "a photo"),
                new Case("document", "report.pdf", PDF, "application/pdf", "../Q3 <report>;$x.pdf", "the report"),
                new Case("audio", "note.ogg", OPUS, "audio/ogg; codecs=opus", null, null),
                new Case("video", "clip.mp4", MP4, "video/mp4", null, "a clip"));
        for (Case c : cases) {
            var media = JSON.createObjectNode().put("url", url(c.file()));
            if (c.filename() != null) {
                media.put("filename", c.filename());
            }
            if (c.caption() != null) {
                media.put("caption", c.caption());
            }
            var body = JSON.createObjectNode().put("to", bob).put("type", c.type());
            body.set("media", media);
            Reply r = h.worker.rest.post("/api/session/" + s.sessionId() + "/send", body.toString());
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            assertThat(r.body().path("data").path("status").asString()).as(c.type() + ": " + r.body())
                    .isEqualTo("sent");
            String id = r.body().path("data").path("messageId").asString();

            JsonNode onPhone = h.awaitOnPhone(bob, id);
            assertThat(onPhone.path("type").asString()).as(c.type()).isEqualTo(c.type());
            JsonNode got = onPhone.path("media");
            assertThat(got.path("error").isMissingNode() || got.path("error").isNull()).as(got.toString()).isTrue();
            assertThat(got.path("mimetype").asString()).as(c.type()).isEqualTo(c.mimetype());
            assertThat(got.path("size").asLong()).as(c.type()).isEqualTo(c.bytes().length);
            assertThat(got.path("sha256").asString()).as(c.type()).isEqualTo(sha256(c.bytes()));
            assertThat(got.path("decryptedSize").asLong()).as(c.type() + " decrypted on the phone")
                    .isEqualTo(c.bytes().length);
            assertThat(got.path("ptt").asBoolean()).as(c.type() + " ptt").isEqualTo(c.type().equals("audio"));
            switch (c.type()) {
                case "image" -> {
                    assertThat(got.path("width").asInt()).isEqualTo(320);
                    assertThat(got.path("height").asInt()).isEqualTo(240);
                    // the reference's thumbnail: a JPEG 32 pixels wide, same aspect
                    assertThat(got.path("thumbnail").asBoolean()).as(got.toString()).isTrue();
                    assertThat(got.path("thumbnailBytes").asInt()).isPositive();
                    assertThat(got.path("thumbnailWidth").asInt()).as("a readable JPEG").isEqualTo(32);
                    assertThat(got.path("thumbnailHeight").asInt()).isEqualTo(24);
                    assertThat(got.path("seconds").isNull() || got.path("seconds").isMissingNode()).isTrue();
                }
                case "audio" -> {
                    assertThat(got.path("seconds").asInt()).isEqualTo(4);
                    assertThat(got.path("thumbnail").asBoolean()).isFalse();
                }
                case "video" -> {
                    assertThat(got.path("seconds").asInt()).isEqualTo(3);
                    assertThat(got.path("width").asInt()).isEqualTo(320);
                    assertThat(got.path("height").asInt()).isEqualTo(240);
                }
                case "document" -> {
                    assertThat(got.path("fileName").asString()).as("sanitized").isEqualTo("Q3 _report___x.pdf");
                    assertThat(got.path("thumbnail").asBoolean()).isFalse();
                }
                default -> throw new AssertionError(c.type());
            }
            if (c.caption() != null) {
                assertThat(onPhone.path("text").asString()).as(c.type()).isEqualTo(c.caption());
            }
            h.awaitWebhookStatuses(id, "sent", "delivered");
        }
        for (String type : List.of("image", "document", "audio", "video")) {
            assertThat(scraped("wa_media_total{", "direction=\"sent\"", "outcome=\"ok\"", "type=\"" + type + "\""))
                    .as(type).isGreaterThanOrEqualTo(1);
        }
        assertThat(scraped("wa_media_bytes_total{", "direction=\"sent\""))
                .isGreaterThanOrEqualTo(JPEG.length + PDF.length + OPUS.length + MP4.length);
    }

    @Test
    @Order(2)
    void eachMediaTypeAPhoneSendsIsStoredAnnouncedAndServedByteForByte() throws Exception {
        Linked s = h.pair("media-in");
        String bob = h.newPhone();

        record Case(String type, byte[] bytes, String mimetype, String fileName, String caption, boolean ptt) {}
        List<Case> cases = List.of(
                new Case("image", JPEG, "image/jpeg", null, "look", false),
                new Case("document", PDF, "application/pdf", "../../etc/Q3 \"final\".pdf", "the report", false),
                new Case("audio", OPUS, "audio/ogg; codecs=opus", null, null, true),
                new Case("video", MP4, "video/mp4", null, "watch", false));
        for (Case c : cases) {
            Answer sent = h.admin.phoneSendsMedia(bob, s.number(), c.type(), c.bytes(), c.mimetype(), c.fileName(),
                    c.caption(), c.ptt());
            assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);
            String id = sent.text("id");

            MessageReceived received = (MessageReceived) h.awaitEvent(s.sessionId(), e -> id.equals(e.getMessageId()))
                    .getPayload();
            assertThat(received.getType()).isEqualTo(c.type());
            assertThat(received.getContent()).isEqualTo(c.caption());
            ReceivedMedia media = received.getMedia();
            assertThat(media.getError()).as(c.type()).isNull();
            assertThat(media.getMimetype()).isEqualTo(c.mimetype());
            assertThat(media.getSize()).isEqualTo((long) c.bytes().length);
            assertThat(media.getSha256()).isEqualTo(sha256(c.bytes()));
            assertThat(media.getDownloadPath()).isEqualTo("/api/session/" + s.sessionId() + "/media/" + id);
            assertThat(media.getVoiceNote()).isEqualTo(c.ptt());
            if (c.fileName() != null) {
                assertThat(media.getFileName()).isEqualTo("Q3 _final_.pdf");
            }

            HttpResponse<byte[]> file = download(media.getDownloadPath());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(sha256(file.body())).as(c.type()).isEqualTo(sha256(c.bytes()));
            assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith(c.mimetype().split(";")[0]);
            assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");

            JsonNode webhook = MessagingHarness.json(h.awaitWebhookCall(MESSAGE_PATH, id).body());
            assertThat(webhook.path("type").asString()).isEqualTo(c.type());
            assertThat(webhook.path("media").path("sha256").asString()).isEqualTo(sha256(c.bytes()));
            assertThat(webhook.path("media").path("url").asString()).isEqualTo(media.getDownloadPath());
            assertThat(webhook.path("media").path("size").asLong()).isEqualTo(c.bytes().length);
            JsonNode entry = h.awaitHistory(s.sessionId(), id, "delivered");
            assertThat(entry.path("type").asString()).isEqualTo(c.type());
            assertThat(entry.path("media").path("url").asString()).isEqualTo(media.getDownloadPath());
            assertThat(entry.path("media").path("sha256").asString()).isEqualTo(sha256(c.bytes()));
            if (c.caption() != null) {
                assertThat(entry.path("content").asString()).isEqualTo(c.caption());
            }
        }
        assertThat(download("/api/session/" + s.sessionId() + "/media/3EB0000000000000000000").statusCode())
                .isEqualTo(404);
        assertThat(scraped("wa_media_total{", "direction=\"received\"", "outcome=\"ok\"")).isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(3)
    void aTamperedBlobIsAnEventWithTheErrorAndTheSessionKeepsWorking() {
        Linked s = h.pair("media-tamper");
        String bob = h.newPhone();
        String id = whileSessionAway(s, () -> {
            String sent = h.admin.phoneSendsMedia(bob, s.number(), "image", JPEG, "image/jpeg", null, "bad", false)
                    .text("id");
            Answer fault = h.admin.faults("{\"mediaTamper\":{\"messageId\":\"" + sent + "\"}}");
            assertThat(fault.status()).as(fault.body().toString()).isEqualTo(200);
            return sent;
        });

        MessageReceived received = (MessageReceived) h.awaitEvent(s.sessionId(), e -> id.equals(e.getMessageId()))
                .getPayload();
        assertThat(received.getMedia().getError()).as(received.toString()).startsWith("media verification failed");
        assertThat(received.getMedia().getDownloadPath()).isNull();
        assertThat(download("/api/session/" + s.sessionId() + "/media/" + id).statusCode()).isEqualTo(404);
        JsonNode webhook = MessagingHarness.json(h.awaitWebhookCall(MESSAGE_PATH, id).body());
        assertThat(webhook.path("media").path("error").asString()).startsWith("media verification failed");

        String after = h.phoneSends(bob, s.number(), "still there?");
        h.awaitEvent(s.sessionId(), e -> after.equals(e.getMessageId()));
        String reply = h.sendAcked(s.sessionId(), bob, "yes");
        assertThat(h.awaitOnPhone(bob, reply).path("text").asString()).isEqualTo("yes");
        assertThat(h.worker.directory().find(s.sessionId()).orElseThrow().status()).isEqualTo(SessionStatus.CONNECTED);
    }

    @Test
    @Order(4)
    void anExpiredBlobIsUploadedAgainByThePhoneThenStored() throws Exception {
        Linked s = h.pair("media-expired");
        String bob = h.newPhone();
        String id = whileSessionAway(s, () -> {
            String sent = h.admin.phoneSendsMedia(bob, s.number(), "document", PDF, "application/pdf", "old.pdf",
                    null, false).text("id");
            Answer fault = h.admin.faults("{\"mediaExpire\":{\"messageId\":\"" + sent + "\",\"status\":410}}");
            assertThat(fault.status()).as(fault.body().toString()).isEqualTo(200);
            return sent;
        });

        MessageReceived received = (MessageReceived) h.awaitEvent(s.sessionId(), e -> id.equals(e.getMessageId()))
                .getPayload();
        assertThat(received.getMedia().getError()).as(received.toString()).isNull();
        assertThat(received.getMedia().getSha256()).isEqualTo(sha256(PDF));
        assertThat(sha256(download(received.getMedia().getDownloadPath()).body())).isEqualTo(sha256(PDF));
    }

    @Test
    @Order(5)
    void refusalsNameTheirReason() {
        Linked s = h.pair("media-refused");
        String bob = h.newPhone();

        // known before queueing: a 400 envelope
        Reply loopback = h.worker.rest.post("/api/session/" + s.sessionId() + "/send", mediaSend(bob, "image",
                "http://127.0.0.1:" + origin.getAddress().getPort() + "/files/photo.jpg"));
        assertThat(loopback.status()).as(loopback.body().toString()).isEqualTo(400);
        assertThat(loopback.body().path("success").asBoolean()).isFalse();
        assertThat(loopback.body().path("error").asString()).startsWith("media.url refused").contains("127.0.0.1");

        // found while fetching: failed with the reason, in the answer and in the message-status webhook
        assertFailed(s, bob, "image", url("huge.jpg"), "media too large");
        assertFailed(s, bob, "image", url("lie.jpg"), "media content refused");
        assertFailed(s, bob, "video", url("missing.mp4"), "media fetch failed");
        // refused only once DNS answered: a private address, the cloud metadata address
        int port = origin.getAddress().getPort();
        assertFailed(s, bob, "image", "http://intranet.test:" + port + "/files/photo.jpg", "media refused")
                .contains("10.0.0.5");
        assertFailed(s, bob, "document", "http://metadata.test/latest/meta-data/", "media refused")
                .contains("link-local");
        // fetched and inspected, but no media host takes the upload (the client tries both hosts, then both again
        // with a fresh media_conn: two failures each)
        for (String host : List.of("127.0.0.1", "localhost")) {
            Answer fault = h.admin.faults("{\"mediaUploadFailure\":{\"host\":\"" + host + "\",\"status\":503,"
                    + "\"count\":2}}");
            assertThat(fault.status()).as(fault.body().toString()).isEqualTo(200);
        }
        assertFailed(s, bob, "image", url("photo.jpg"), "media upload failed");
        String after = h.sendAcked(s.sessionId(), bob, "still sending");
        assertThat(h.awaitOnPhone(bob, after).path("text").asString()).isEqualTo("still sending");

        assertThat(h.worker.directory().find(s.sessionId()).orElseThrow().status()).isEqualTo(SessionStatus.CONNECTED);
        assertThat(h.dialer.calls()).as("the fetcher dialled through the loopback-only seam").isNotEmpty()
                .allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue());
        assertThat(h.dialer.violations()).isEmpty();
    }

    @Test
    @Order(6)
    void aTextSentAfterASlowImageReachesThePhoneAfterItAndAFailedOneHoldsNothingUp() {
        Linked s = h.pair("media-order");
        String bob = h.newPhone();
        String image = MessagingHarness.newMessageId();
        String missing = MessagingHarness.newMessageId();
        String text = MessagingHarness.newMessageId();
        h.produceCommands(s.sessionId(), List.of(
                mediaCommand(image, bob, "image", originUrl("/slow/photo.jpg")),
                mediaCommand(missing, bob, "image", url("missing.jpg")),
                textCommand(text, bob, "after the photo")));

        h.awaitOnPhone(bob, text);
        List<String> arrived = new java.util.ArrayList<>();
        for (JsonNode m : h.admin.phoneMessages(bob).body().path("messages")) {
            arrived.add(m.path("id").asString());
        }
        assertThat(arrived).as("the phone's messages in the order they arrived").containsExactly(image, text);
        // the failed image failed at once, on its own: it neither waited for the slow one nor held the text back
        h.awaitWebhookStatuses(missing, "failed");
        assertThat(h.webhooks(MESSAGE_STATUS_PATH, missing).getFirst().path("error").asString())
                .startsWith("media fetch failed");
        h.awaitWebhookStatuses(image, "sent", "delivered");
        h.awaitWebhookStatuses(text, "sent", "delivered");
    }

    @Test
    @Order(7)
    void aStalledImageFailsAtItsTimeLimitAndTheTextAfterItGoesOutThenNotLater() {
        Linked s = h.pair("media-stall");
        String bob = h.newPhone();
        String image = MessagingHarness.newMessageId();
        String text = MessagingHarness.newMessageId();
        long start = System.nanoTime();
        h.produceCommands(s.sessionId(), List.of(
                mediaCommand(image, bob, "image", originUrl("/stall/photo.jpg")),
                textCommand(text, bob, "after the stalled photo")));

        h.awaitWebhookStatuses(image, "failed");
        assertThat(h.webhooks(MESSAGE_STATUS_PATH, image).getFirst().path("error").asString())
                .isEqualTo("media not ready within " + PREPARE_TIMEOUT.toSeconds() + "s (fetch and upload)");
        h.awaitOnPhone(bob, text);
        // the text waited for the image's turn, which its time limit ended: not longer
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(PREPARE_TIMEOUT.minusSeconds(1));
        h.awaitWebhookStatuses(text, "sent", "delivered");
        List<String> arrived = new java.util.ArrayList<>();
        for (JsonNode m : h.admin.phoneMessages(bob).body().path("messages")) {
            arrived.add(m.path("id").asString());
        }
        assertThat(arrived).containsExactly(text);

        // the origin answers in the end: what it serves is never sent (the send already failed)
        await().atMost(Duration.ofSeconds(20)).until(() -> STALLS_SERVED.get() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> {
            int count = 0;
            for (JsonNode m : h.admin.phoneMessages(bob).body().path("messages")) {
                count++;
            }
            return count == 1;
        });
        assertThat(h.webhookStatuses(image)).containsExactly("failed");
    }

    private static SendMessageCommand mediaCommand(String id, String to, String type, String url) {
        return SendMessageCommand.newBuilder().setMessageId(id).setTo(to).setType(type)
                .setMedia(MediaReference.newBuilder().setUrl(url).build()).build();
    }

    /** Answers the failure reason for further checks. */
    private org.assertj.core.api.AbstractStringAssert<?> assertFailed(Linked s, String to, String type, String url,
                                                                     String reason) {
        Reply r = h.worker.rest.post("/api/session/" + s.sessionId() + "/send", mediaSend(to, type, url));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().path("success").asBoolean()).as(r.body().toString()).isFalse();
        assertThat(r.body().path("data").path("status").asString()).isEqualTo("failed");
        assertThat(r.body().path("error").asString()).startsWith(reason);
        String id = r.body().path("data").path("messageId").asString();
        h.awaitWebhookStatuses(id, "failed");
        assertThat(h.webhooks(MESSAGE_STATUS_PATH, id).getFirst().path("error").asString()).startsWith(reason);
        return assertThat(r.body().path("error").asString());
    }

    /** The session's device goes offline, {@code meanwhile} runs (the server holds what comes), then it is back. */
    private String whileSessionAway(Linked s, java.util.function.Supplier<String> meanwhile) {
        Reply off = h.worker.rest.post("/api/session/" + s.sessionId() + "/disconnect", "{}");
        assertThat(off.status()).as(off.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> h.worker.directory().find(s.sessionId())
                .map(v -> v.status() == SessionStatus.DISCONNECTED).orElse(false));
        String result = meanwhile.get();
        Reply back = h.worker.rest.post("/api/session/" + s.sessionId() + "/restart", "{}");
        assertThat(back.status()).as(back.body().toString()).isEqualTo(200);
        h.awaitConnected(s.sessionId());
        return result;
    }

    /** The sum of the scraped series starting with {@code series} whose labels contain all of {@code labels}. */
    private static double scraped(String series, String... labels) {
        String body = new String(download("/actuator/prometheus").body(), java.nio.charset.StandardCharsets.UTF_8);
        return body.lines().filter(l -> l.startsWith(series))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String mediaSend(String to, String type, String url) {
        var body = JSON.createObjectNode().put("to", to).put("type", type);
        body.set("media", JSON.createObjectNode().put("url", url));
        return body.toString();
    }

    private static String url(String file) {
        return originUrl("/files/" + file);
    }

    private static String originUrl(String path) {
        return "http://" + ORIGIN_HOST + ":" + origin.getAddress().getPort() + path;
    }

    private static SendMessageCommand textCommand(String id, String to, String text) {
        return SendMessageCommand.newBuilder().setMessageId(id).setTo(to).setType("text").setText(text).build();
    }

    private static HttpResponse<byte[]> download(String path) {
        try {
            int port = Integer.parseInt(h.worker.bean(org.springframework.core.env.Environment.class)
                    .getProperty("local.server.port"));
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + RunningWorker.TOKEN).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
