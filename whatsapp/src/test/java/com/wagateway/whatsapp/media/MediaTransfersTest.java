package com.wagateway.whatsapp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MediaRetryProtos.MediaRetryNotification;
import com.wagateway.whatsapp.proto.MediaRetryProtos.ServerErrorReceipt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uploads, downloads and media retry against loopback HTTPS media hosts with a test certificate. */
class MediaTransfersTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String AUTH = "AbC+/x=y z";
    private static final Jid ALICE = Jid.parse("15550002222@s.whatsapp.net");
    private static TestCertificate certificate;
    private static SSLContext trusting;

    @TempDir
    Path dir;
    private MediaHostServer host;
    private final FakeMediaSession session = new FakeMediaSession();
    private final FakeMediaSession.MutableClock clock = new FakeMediaSession.MutableClock(T0);
    private final ExecutorService mediaExecutor = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private MediaTransfers transfers;

    @BeforeAll
    static void certificate() {
        certificate = TestCertificate.create("media-test");
        trusting = certificate.clientContext();
    }

    @BeforeEach
    void start() throws IOException {
        host = new MediaHostServer(certificate);
        session.mediaConnAnswer = FakeMediaSession.mediaConn(AUTH, 300, List.of(host.host()), null);
        transfers = transfers(settings(trusting));
    }

    @AfterEach
    void stop() {
        host.close();
        mediaExecutor.shutdownNow();
        scheduler.shutdownNow();
    }

    private MediaSettings settings(SSLContext ssl) {
        return new MediaSettings(ssl, Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(3),
                blobDir());
    }

    /** Where the client's encrypted blobs wait (created by the client on first use). */
    private Path blobDir() {
        return dir.resolve("blobs");
    }

    private MediaTransfers transfers(MediaSettings settings) {
        return new MediaTransfers("test-session", settings, session, mediaExecutor, scheduler, RandomSource.secure(),
                clock);
    }

    private Path file(String name, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(dir.resolve(name), content);
    }

    private static <T> Throwable failure(CompletableFuture<T> future) {
        try {
            future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no failure: " + e, e);
        }
        throw new AssertionError("completed normally");
    }

    private static MediaTransferException.Reason reasonOf(CompletableFuture<?> future) {
        Throwable error = failure(future);
        assertThat(error).isInstanceOf(MediaTransferException.class);
        assertThat(error.getMessage()).doesNotContain(AUTH).doesNotContain("AbC");
        return ((MediaTransferException) error).reason();
    }

    private long tempFiles(String prefix) throws IOException {
        return blobs(prefix).size();
    }

    private List<Path> blobs(String prefix) {
        if (!Files.isDirectory(blobDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(blobDir())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- upload -----------------------------------------------------------------------------------------------

    @Test
    void uploadPostsTheBlobAsTheReferenceDoes() throws Exception {
        Path plain = file("photo.jpg", 70_000);
        long tempBefore = tempFiles("wa-media-up-");

        UploadedMedia uploaded = transfers.upload(plain, MediaType.IMAGE, 1_000_000).get(20, TimeUnit.SECONDS);

        assertThat(host.requests).hasSize(1);
        MediaHostServer.Request request = host.requests.getFirst();
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(uploaded.hashes().fileEncSha256());
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/mms/image/" + token);
        assertThat(request.rawQuery()).isEqualTo("auth=AbC%2B%2Fx%3Dy%20z&token=" + token);
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(request.headers().getFirst("Origin")).isEqualTo("https://web.whatsapp.com");
        // the body is enc || mac: its hash is fileEncSha256 and it decrypts to the file
        assertThat(MessageDigest.getInstance("SHA-256").digest(request.body()))
                .isEqualTo(uploaded.hashes().fileEncSha256());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MediaCipher.decrypt(new ByteArrayInputStream(request.body()), out, uploaded.mediaKey(), MediaType.IMAGE,
                uploaded.hashes().fileEncSha256(), uploaded.hashes().fileSha256(), Long.MAX_VALUE);
        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(plain));
        assertThat(uploaded.hashes().fileSha256()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(plain)));
        assertThat(uploaded.hashes().fileLength()).isEqualTo(70_000);
        assertThat(uploaded.mediaKey()).hasSize(32);
        assertThat(uploaded.mediaKeyTimestamp()).isEqualTo(T0.getEpochSecond());
        assertThat(uploaded.directPath()).startsWith("/v/t62.7118-24/");
        assertThat(uploaded.url()).startsWith("https://" + host.host() + uploaded.directPath());
        assertThat(session.queries).hasSize(1);
        assertThat(tempFiles("wa-media-up-")).isEqualTo(tempBefore);
    }

    @Test
    void uploadPathsFollowTheType() throws Exception {
        Path plain = file("f.bin", 100);
        transfers.upload(plain, MediaType.DOCUMENT, 1000).get(20, TimeUnit.SECONDS);
        transfers.upload(plain, MediaType.PTT, 1000).get(20, TimeUnit.SECONDS);
        transfers.upload(plain, MediaType.VIDEO, 1000).get(20, TimeUnit.SECONDS);
        assertThat(host.requests).extracting(r -> r.path().substring(0, r.path().lastIndexOf('/')))
                .containsExactly("/mms/document", "/mms/audio", "/mms/video");
        assertThat(session.queries).hasSize(1); // one media_conn for all three, within its TTL
    }

    @Test
    void nextHostIsTriedWhenOneFails() throws Exception {
        try (MediaHostServer broken = new MediaHostServer(certificate)) {
            broken.uploadStatus = 500;
            session.mediaConnAnswer = FakeMediaSession.mediaConn(AUTH, 300, List.of(broken.host(), host.host()), null);

            UploadedMedia uploaded = transfers.upload(file("a.bin", 5000), MediaType.AUDIO, 10_000)
                    .get(20, TimeUnit.SECONDS);

            assertThat(broken.requests).hasSize(1);
            assertThat(host.requests).hasSize(1);
            assertThat(host.blobs).containsKey(uploaded.directPath());
            assertThat(session.queries).hasSize(1);
        }
    }

    @Test
    void everyHostFailingRefetchesMediaConnOnceThenFails() throws Exception {
        host.uploadStatus = 503;
        long tempBefore = tempFiles("wa-media-up-");

        assertThat(reasonOf(transfers.upload(file("a.bin", 5000), MediaType.IMAGE, 10_000)))
                .isEqualTo(MediaTransferException.Reason.HOST_ERROR);

        assertThat(session.queries).hasSize(2);
        assertThat(host.requests).hasSize(2);
        assertThat(tempFiles("wa-media-up-")).isEqualTo(tempBefore);
    }

    @Test
    void hostsWhoseLimitIsTooSmallAreSkipped() throws Exception {
        try (MediaHostServer small = new MediaHostServer(certificate)) {
            session.mediaConnAnswer = FakeMediaSession.mediaConn(AUTH, 300, List.of(small.host(), host.host()),
                    java.util.Arrays.asList(1000L, 1_000_000L));
            transfers.upload(file("a.bin", 5000), MediaType.IMAGE, 10_000).get(20, TimeUnit.SECONDS);
            assertThat(small.requests).isEmpty();
            assertThat(host.requests).hasSize(1);

            session.mediaConnAnswer = FakeMediaSession.mediaConn(AUTH, 300, List.of(small.host()), List.of(1000L));
            clock.advance(Duration.ofSeconds(301));
            assertThat(reasonOf(transfers.upload(file("b.bin", 5000), MediaType.IMAGE, 10_000)))
                    .isEqualTo(MediaTransferException.Reason.TOO_LARGE);
            assertThat(small.requests).isEmpty();
        }
    }

    @Test
    void fileOverTheCapIsRefusedBeforeAnyRequest() throws Exception {
        assertThat(reasonOf(transfers.upload(file("big.bin", 5001), MediaType.IMAGE, 5000)))
                .isEqualTo(MediaTransferException.Reason.TOO_LARGE);
        assertThat(host.requests).isEmpty();
    }

    @Test
    void notLoggedInFailsAsNotConnected() throws Exception {
        session.connected = false;
        assertThat(reasonOf(transfers.upload(file("a.bin", 10), MediaType.IMAGE, 100)))
                .isEqualTo(MediaTransferException.Reason.NOT_CONNECTED);
        session.me = null;
        assertThat(reasonOf(transfers.upload(file("b.bin", 10), MediaType.IMAGE, 100)))
                .isEqualTo(MediaTransferException.Reason.NOT_CONNECTED);
    }

    @Test
    void untrustedCertificateIsRefused() throws Exception {
        MediaTransfers jdkTrust = transfers(settings(SSLContext.getDefault()));
        assertThat(reasonOf(jdkTrust.upload(file("a.bin", 100), MediaType.IMAGE, 1000)))
                .isEqualTo(MediaTransferException.Reason.HOST_ERROR);
        assertThat(host.requests).isEmpty();

        // and a PEM of another certificate does not vouch for this host either
        MediaTransfers otherTrust = transfers(settings(TestCertificate.create("other").clientContext()));
        assertThat(reasonOf(otherTrust.upload(file("b.bin", 100), MediaType.IMAGE, 1000)))
                .isEqualTo(MediaTransferException.Reason.HOST_ERROR);
        assertThat(host.requests).isEmpty();
    }

    // ---- download ---------------------------------------------------------------------------------------------

    /** A received message for a file uploaded to the test host (as a phone would have sent it). */
    private MediaSource received(String id, Path plain, MediaType type, Jid chat, Jid participant) throws Exception {
        UploadedMedia uploaded = transfers.upload(plain, type, Long.MAX_VALUE).get(20, TimeUnit.SECONDS);
        var message = type == MediaType.DOCUMENT
                ? MediaMessages.document(uploaded, "application/pdf", "report.pdf", null)
                : MediaMessages.image(uploaded, "image/jpeg", "hi", 1, 1, null);
        host.requests.clear();
        return new MediaSource(id, chat, false, participant, MediaMessages.read(message));
    }

    @Test
    void downloadVerifiesDecryptsAndMovesIntoPlace() throws Exception {
        Path plain = file("report.pdf", 200_000);
        MediaSource source = received("3EB0AA", plain, MediaType.DOCUMENT, ALICE, null);
        Path target = dir.resolve("out").resolve("report.pdf");
        Files.createDirectories(target.getParent());

        MediaHashes hashes = transfers.download(source, target, 300_000).get(20, TimeUnit.SECONDS);

        assertThat(target).hasSameBinaryContentAs(plain);
        assertThat(hashes.fileSha256()).isEqualTo(source.media().fileSha256());
        assertThat(host.requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo(source.media().directPath());
        });
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void thePeersUrlDoesNotChooseTheHost() throws Exception {
        Path plain = file("p.jpg", 3000);
        MediaSource sent = received("3EB0H1", plain, MediaType.IMAGE, ALICE, null);
        try (MediaHostServer elsewhere = new MediaHostServer(certificate)) {
            MediaInfo m = sent.media();
            elsewhere.blobs.put(m.directPath(), host.blobs.get(m.directPath()));
            // a direct path goes to the server's media host, whatever host the peer's url names
            MediaInfo redirected = new MediaInfo(m.type(), m.mimetype(), "https://" + elsewhere.host() + "/x",
                    m.directPath(), m.mediaKey(), m.fileSha256(), m.fileEncSha256(), m.fileLength(), null, null, null,
                    false, null, null);
            transfers.download(new MediaSource("3EB0H1", ALICE, false, null, redirected), dir.resolve("a.jpg"), 5000)
                    .get(20, TimeUnit.SECONDS);
            assertThat(host.requests).hasSize(1);
            assertThat(elsewhere.requests).isEmpty();

            // a url alone is fetched only from a media host the server named
            MediaInfo urlOnly = new MediaInfo(m.type(), m.mimetype(), "https://" + elsewhere.host() + m.directPath(),
                    null, m.mediaKey(), m.fileSha256(), m.fileEncSha256(), m.fileLength(), null, null, null, false,
                    null, null);
            assertThat(reasonOf(transfers.download(new MediaSource("3EB0H2", ALICE, false, null, urlOnly),
                    dir.resolve("b.jpg"), 5000))).isEqualTo(MediaTransferException.Reason.HOST_ERROR);
            assertThat(elsewhere.requests).isEmpty();
            MediaInfo urlOnlyKnown = new MediaInfo(m.type(), m.mimetype(), "https://" + host.host() + m.directPath(),
                    null, m.mediaKey(), m.fileSha256(), m.fileEncSha256(), m.fileLength(), null, null, null, false,
                    null, null);
            transfers.download(new MediaSource("3EB0H3", ALICE, false, null, urlOnlyKnown), dir.resolve("c.jpg"), 5000)
                    .get(20, TimeUnit.SECONDS);
            assertThat(dir.resolve("c.jpg")).hasSameBinaryContentAs(plain);
        }
    }

    @Test
    void tamperedBlobFailsVerificationAndLeavesNoFile() throws Exception {
        MediaSource source = received("3EB0AB", file("p.jpg", 10_000), MediaType.IMAGE, ALICE, null);
        byte[] blob = host.blobs.get(source.media().directPath());
        blob[100] ^= 1;
        Path target = dir.resolve("p-out.jpg");

        assertThat(reasonOf(transfers.download(source, target, 20_000)))
                .isEqualTo(MediaTransferException.Reason.VERIFICATION);
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).noneMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }

    @Test
    void oversizedDownloadStopsEarly() throws Exception {
        MediaSource source = received("3EB0AC", file("p.jpg", 1000), MediaType.IMAGE, ALICE, null);
        host.streamBytes = 50L * 1024 * 1024; // a host that sends far more than the message states
        long tempBefore = tempFiles("wa-media-down-");

        assertThat(reasonOf(transfers.download(source, dir.resolve("x.jpg"), 2000)))
                .isEqualTo(MediaTransferException.Reason.TOO_LARGE);
        // the client stopped reading: the host could not write the whole 50 MiB
        for (int i = 0; i < 100 && !host.streamBroken; i++) {
            Thread.sleep(50);
        }
        assertThat(host.streamBroken).isTrue();
        assertThat(host.bytesStreamed.get()).isLessThan(50L * 1024 * 1024);
        assertThat(dir.resolve("x.jpg")).doesNotExist();
        assertThat(tempFiles("wa-media-down-")).isEqualTo(tempBefore);
    }

    @Test
    void statedLengthOverTheCapIsRefusedWithoutARequest() throws Exception {
        MediaSource source = received("3EB0AD", file("p.jpg", 5000), MediaType.IMAGE, ALICE, null);
        assertThat(reasonOf(transfers.download(source, dir.resolve("x.jpg"), 4999)))
                .isEqualTo(MediaTransferException.Reason.TOO_LARGE);
        assertThat(host.requests).isEmpty();
    }

    @Test
    void tricklingHostTimesOut() throws Exception {
        MediaSource source = received("3EB0AE", file("p.jpg", 5000), MediaType.IMAGE, ALICE, null);
        host.trickleMillis = 50; // 5 kB at 20 bytes a second: far beyond the 1 s limit
        MediaTransfers impatient = transfers(settings(trusting).withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(2)));
        long start = System.nanoTime();
        assertThat(reasonOf(impatient.download(source, dir.resolve("x.jpg"), 10_000)))
                .isEqualTo(MediaTransferException.Reason.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void blobsWaitInTheConfiguredTempDirectoryAndAreRemoved() throws Exception {
        java.nio.file.PathMatcher glob = blobDir().getFileSystem()
                .getPathMatcher("glob:" + MediaSettings.TEMP_FILE_GLOB);
        List<List<Path>> seenUp = new java.util.concurrent.CopyOnWriteArrayList<>();
        host.duringUpload = () -> seenUp.add(blobs(MediaSettings.UPLOAD_TEMP_PREFIX));
        Path plain = file("doc.pdf", 40_000);
        MediaSource source = received("3EB0T1", plain, MediaType.DOCUMENT, ALICE, null);
        assertThat(seenUp).singleElement().satisfies(files -> assertThat(files).singleElement()
                .satisfies(f -> assertThat(glob.matches(f.getFileName())).isTrue()));

        List<Path> seenDown = new java.util.concurrent.CopyOnWriteArrayList<>();
        host.midDownload = () -> {
            for (int i = 0; i < 100 && seenDown.isEmpty(); i++) {
                seenDown.addAll(blobs(MediaSettings.DOWNLOAD_TEMP_PREFIX));
                if (seenDown.isEmpty()) {
                    sleep(20);
                }
            }
        };
        transfers.download(source, dir.resolve("doc-out.pdf"), 50_000).get(20, TimeUnit.SECONDS);
        assertThat(seenDown).singleElement().satisfies(f -> assertThat(glob.matches(f.getFileName())).isTrue());
        assertThat(dir.resolve("doc-out.pdf")).hasSameBinaryContentAs(plain);
        try (Stream<Path> left = Files.list(blobDir())) {
            assertThat(left).as("each blob is deleted when its transfer ends").isEmpty();
        }
    }

    @Test
    void uploadHostThatStallsTheAnswerBodyTimesOut() throws Exception {
        host.stallAnswerMillis = 30_000; // headers at once, then the body never comes in time
        MediaTransfers impatient = transfers(settings(trusting).withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(2)));
        long start = System.nanoTime();
        assertThat(reasonOf(impatient.upload(file("s.jpg", 2000), MediaType.IMAGE, 10_000)))
                .isEqualTo(MediaTransferException.Reason.TIMEOUT);
        // one host, tried again after a fresh media_conn: two bounded exchanges
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(host.requests).hasSize(2);
        assertThat(tempFiles(MediaSettings.UPLOAD_TEMP_PREFIX)).isZero();
    }

    @Test
    void failuresNameTheHostButNeverTheUrlOrItsQuery() throws Exception {
        String leaky = "GET https://mmg.whatsapp.net/v/t62.7118-24/1.enc?ccb=11-4&oh=SECRET_OH&oe=6700AA&auth=TOKEN";
        MediaTransferException down = MediaDownloader.failure("mmg.whatsapp.net", new IOException(leaky));
        assertThat(down.getMessage()).isEqualTo("mmg.whatsapp.net failed: IOException");
        assertThat(down.getCause()).isNull();
        Throwable conn = failure(MediaTransfers.connectionFailure(new IllegalStateException(leaky)));
        assertThat(conn.getMessage()).isEqualTo("media_conn failed: IllegalStateException");
        assertThat(conn.getCause()).isNull();

        // end to end: a host that accepts the connection and closes it without an answer
        MediaSource source = received("3EB0L1", file("l.jpg", 1000), MediaType.IMAGE, ALICE, null);
        try (java.net.ServerSocket rude = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread closer = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        rude.accept().close();
                    }
                } catch (IOException e) {
                    // the test closed the socket
                }
            });
            session.mediaConnAnswer = FakeMediaSession.mediaConn(AUTH, 300,
                    List.of("127.0.0.1:" + rude.getLocalPort()), null);
            MediaTransfers fresh = transfers(settings(trusting));
            Throwable error = failure(fresh.download(source, dir.resolve("l-out.jpg"), 5000));
            assertThat(error).isInstanceOf(MediaTransferException.class);
            assertThat(((MediaTransferException) error).reason()).isEqualTo(MediaTransferException.Reason.HOST_ERROR);
            assertThat(error.getMessage()).startsWith("127.0.0.1 failed: ")
                    .doesNotContain(source.media().directPath()).doesNotContain("?").doesNotContain("https");
            rude.close();
            closer.join(5000);
        }
    }

    @Test
    void aFullMediaExecutorFailsTransfersAsTooBusyAndReleasesWhatTheyHeld() throws Exception {
        MediaSource source = received("3EB0B1", file("b.jpg", 3000), MediaType.IMAGE, ALICE, null);
        ExecutorService tiny = com.wagateway.whatsapp.client.MediaExecutor.bounded(1, 1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            // one step running, one waiting: the queue is full
            tiny.execute(() -> awaitQuietly(release));
            tiny.execute(() -> awaitQuietly(release));
            assertThatThrownBy(() -> tiny.execute(() -> { })).isInstanceOf(
                    java.util.concurrent.RejectedExecutionException.class).hasMessageContaining("busy");
            MediaTransfers busy = new MediaTransfers("test-session", settings(trusting), session, tiny, scheduler,
                    RandomSource.secure(), clock);

            Throwable upload = failure(busy.upload(file("u.jpg", 2000), MediaType.IMAGE, 10_000));
            assertThat(upload).isInstanceOf(MediaTransferException.class).hasMessageContaining("too many");
            assertThat(((MediaTransferException) upload).reason()).isEqualTo(MediaTransferException.Reason.TOO_BUSY);

            // refused after the host answered: the response body is closed, nothing is written
            Throwable download = failure(busy.download(source, dir.resolve("b-out.jpg"), 5000));
            assertThat(((MediaTransferException) download).reason())
                    .isEqualTo(MediaTransferException.Reason.TOO_BUSY);
            assertThat(host.requests).singleElement().extracting(MediaHostServer.Request::method).isEqualTo("GET");
            assertThat(dir.resolve("b-out.jpg")).doesNotExist();
            assertThat(blobs("wa-media-")).isEmpty();
        } finally {
            release.countDown();
            tiny.shutdownNow();
        }
        // with room again the same transfer works
        transfers.download(source, dir.resolve("b-out.jpg"), 5000).get(20, TimeUnit.SECONDS);
        assertThat(dir.resolve("b-out.jpg")).exists();
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- media retry ------------------------------------------------------------------------------------------

    /** The phone's side: re-uploads the blob under a new path and answers the request with that path. */
    private void phoneReuploads(MediaSource source, String newPath, byte[] blob) {
        session.onSend = request -> CompletableFuture.runAsync(() -> {
            host.blobs.put(newPath, blob);
            transfers.onRetryNotification(notification(source.messageId(), source.media().mediaKey(),
                    MediaRetryNotification.newBuilder().setStanzaId(source.messageId()).setDirectPath(newPath)
                            .setResult(MediaRetryNotification.ResultType.SUCCESS).build()));
        });
    }

    static Node notification(String id, byte[] mediaKey, MediaRetryNotification answer) {
        byte[] iv = RandomSource.secure().bytes(12);
        byte[] key = Hkdf.derive(mediaKey, null, "WhatsApp Media Retry Notification", 32);
        byte[] sealed;
        try {
            sealed = AesGcm.encrypt(key, iv, id.getBytes(StandardCharsets.UTF_8), answer.toByteArray());
        } catch (com.wagateway.whatsapp.crypto.CryptoException e) {
            throw new IllegalStateException(e);
        }
        return Node.of("notification", Attributes.of("from", "15550001111@s.whatsapp.net", "type", "mediaretry",
                "id", id, "t", "1767268800"), List.of(
                Node.of("rmr", Attributes.of("jid", ALICE.toString(), "from_me", "false")),
                Node.of("encrypt", Attributes.empty(), List.of(Node.of("enc_p", Attributes.empty(), sealed),
                        Node.of("enc_iv", Attributes.empty(), iv)))));
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 410})
    void goneBlobIsRequestedFromThePhoneAndDownloadedAgain(int status) throws Exception {
        Path plain = file("p.jpg", 30_000);
        MediaSource source = received("3EB0C0FFEE" + status, plain, MediaType.IMAGE, ALICE, null);
        String oldPath = source.media().directPath();
        byte[] blob = host.blobs.remove(oldPath);
        host.statusOnce.put(oldPath, status);
        phoneReuploads(source, "/v/t62.7118-24/reuploaded-" + status + ".enc", blob);
        Path target = dir.resolve("p-out.jpg");

        transfers.download(source, target, 50_000).get(20, TimeUnit.SECONDS);

        assertThat(target).hasSameBinaryContentAs(plain);
        assertThat(host.requests).extracting(MediaHostServer.Request::path)
                .containsExactly(oldPath, "/v/t62.7118-24/reuploaded-" + status + ".enc");
        Node request = session.sent.poll();
        assertThat(request).isNotNull();
        assertThat(request.tag()).isEqualTo("receipt");
        assertThat(request.attrs().asMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "id", source.messageId(), "to", "15550001111@s.whatsapp.net", "type", "server-error"));
        assertThat(request.children()).extracting(Node::tag).containsExactly("encrypt", "rmr");
        assertThat(request.child("rmr").attrs().asMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "jid", ALICE.toString(), "from_me", "false"));
        Node encrypt = request.child("encrypt");
        assertThat(encrypt.children()).extracting(Node::tag).containsExactly("enc_p", "enc_iv");
        byte[] iv = encrypt.child("enc_iv").contentBytes();
        assertThat(iv).hasSize(12);
        // an independent derivation of the retry key opens the request
        byte[] key = Hkdf.derive(source.media().mediaKey(), null,
                "WhatsApp Media Retry Notification".getBytes(StandardCharsets.UTF_8), 32);
        byte[] opened = AesGcm.decrypt(key, iv, source.messageId().getBytes(StandardCharsets.UTF_8),
                encrypt.child("enc_p").contentBytes());
        assertThat(ServerErrorReceipt.parseFrom(opened).getStanzaId()).isEqualTo(source.messageId());
        assertThat(transfers.waitingRetries()).isZero();
    }

    @Test
    void groupRequestNamesTheParticipant() throws Exception {
        Jid group = Jid.parse("120363000000000001@g.us");
        MediaSource source = received("3EB0GR", file("p.jpg", 1000), MediaType.IMAGE, group, ALICE);
        host.statusOnce.put(source.media().directPath(), 410);
        phoneReuploads(source, "/v/t62.7118-24/group.enc", host.blobs.get(source.media().directPath()));

        transfers.download(source, dir.resolve("g.jpg"), 5000).get(20, TimeUnit.SECONDS);

        Node rmr = session.sent.poll().child("rmr");
        assertThat(rmr.attrs().asMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "jid", group.toString(), "from_me", "false", "participant", ALICE.toString()));
    }

    @Test
    void phoneErrorAnswerFailsAsRetryFailed() throws Exception {
        MediaSource source = received("3EB0E1", file("p.jpg", 1000), MediaType.IMAGE, ALICE, null);
        host.blobs.remove(source.media().directPath());
        session.onSend = request -> CompletableFuture.runAsync(() -> transfers.onRetryNotification(
                Node.of("notification", Attributes.of("type", "mediaretry", "id", source.messageId()), List.of(
                        Node.of("rmr", Attributes.of("jid", ALICE.toString(), "from_me", "false")),
                        Node.of("error", Attributes.of("code", "2"))))));

        assertThat(reasonOf(transfers.download(source, dir.resolve("x.jpg"), 5000)))
                .isEqualTo(MediaTransferException.Reason.RETRY_FAILED);
        assertThat(dir.resolve("x.jpg")).doesNotExist();
    }

    @Test
    void phoneNotFoundResultFailsAsRetryFailed() throws Exception {
        MediaSource source = received("3EB0E2", file("p.jpg", 1000), MediaType.IMAGE, ALICE, null);
        host.blobs.remove(source.media().directPath());
        session.onSend = request -> CompletableFuture.runAsync(() -> transfers.onRetryNotification(notification(
                source.messageId(), source.media().mediaKey(), MediaRetryNotification.newBuilder()
                        .setStanzaId(source.messageId()).setResult(MediaRetryNotification.ResultType.NOT_FOUND)
                        .build())));

        assertThat(reasonOf(transfers.download(source, dir.resolve("x.jpg"), 5000)))
                .isEqualTo(MediaTransferException.Reason.RETRY_FAILED);
    }

    @Test
    void answerSealedWithAnotherKeyFailsAsRetryFailed() throws Exception {
        MediaSource source = received("3EB0E3", file("p.jpg", 1000), MediaType.IMAGE, ALICE, null);
        host.blobs.remove(source.media().directPath());
        session.onSend = request -> CompletableFuture.runAsync(() -> transfers.onRetryNotification(notification(
                source.messageId(), new byte[32], MediaRetryNotification.newBuilder().setStanzaId(source.messageId())
                        .setDirectPath("/v/x.enc").setResult(MediaRetryNotification.ResultType.SUCCESS).build())));

        assertThat(reasonOf(transfers.download(source, dir.resolve("x.jpg"), 5000)))
                .isEqualTo(MediaTransferException.Reason.RETRY_FAILED);
    }

    @Test
    void silentPhoneTimesOut() throws Exception {
        MediaSource source = received("3EB0E4", file("p.jpg", 1000), MediaType.IMAGE, ALICE, null);
        host.blobs.remove(source.media().directPath());
        MediaTransfers shortWait = transfers(settings(trusting).withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofMillis(300)));

        assertThat(reasonOf(shortWait.download(source, dir.resolve("x.jpg"), 5000)))
                .isEqualTo(MediaTransferException.Reason.TIMEOUT);
        assertThat(session.sent).hasSize(1);
        assertThat(shortWait.waitingRetries()).isZero();
    }

    @Test
    void stillGoneAfterTheRetryFailsAsGone() throws Exception {
        MediaSource source = received("3EB0E5", file("p.jpg", 1000), MediaType.IMAGE, ALICE, null);
        host.blobs.remove(source.media().directPath());
        session.onSend = request -> CompletableFuture.runAsync(() -> transfers.onRetryNotification(notification(
                source.messageId(), source.media().mediaKey(), MediaRetryNotification.newBuilder()
                        .setStanzaId(source.messageId()).setDirectPath("/v/never-uploaded.enc")
                        .setResult(MediaRetryNotification.ResultType.SUCCESS).build())));

        assertThat(reasonOf(transfers.download(source, dir.resolve("x.jpg"), 5000)))
                .isEqualTo(MediaTransferException.Reason.GONE);
        assertThat(session.sent).hasSize(1); // one retry only
    }

    @Test
    void goneWhileDisconnectedFailsAsNotConnected() throws Exception {
        MediaSource source = received("3EB0E6", file("p.jpg", 1000), MediaType.IMAGE, ALICE, null);
        host.blobs.remove(source.media().directPath());
        session.connected = false;

        assertThat(reasonOf(transfers.download(source, dir.resolve("x.jpg"), 5000)))
                .isEqualTo(MediaTransferException.Reason.NOT_CONNECTED);
        assertThat(transfers.waitingRetries()).isZero();
    }
}
