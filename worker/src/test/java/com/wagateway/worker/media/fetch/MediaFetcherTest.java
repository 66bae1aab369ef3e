package com.wagateway.worker.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.media.fetch.MediaFetchException.Reason;
import com.wagateway.worker.message.MessageType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/**
 * The fetcher against a JDK HttpServer on 127.0.0.1. Every connection passes {@link LoopbackOnlyDialer}: refusals
 * assert it was never called (or only for the loopback media host), so a broken guard fails here instead of
 * reaching a private or metadata address.
 */
class MediaFetcherTest {

    private static final String MEDIA = "media.example.test";

    @TempDir
    Path storage;

    private final LoopbackOnlyDialer dialer = new LoopbackOnlyDialer();
    private final MapResolver resolver = new MapResolver()
            .map(MEDIA, "127.0.0.1")
            .map("private.example.test", "10.0.0.1")
            .map("metadata.example.test", "169.254.169.254")
            .map("mixed.example.test", "127.0.0.1", "10.0.0.1");
    private MediaServer server;
    private MediaFetcher fetcher;
    private final byte[] image = new byte[300 * 1024];

    @BeforeEach
    void start() throws IOException {
        new Random(7).nextBytes(image);
        server = new MediaServer(image);
        fetcher = fetcher(properties(Duration.ofSeconds(5), Duration.ofSeconds(10), MEDIA), MediaSizeLimits.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        fetcher.close();
        assertThat(dialer.violations).as("connections outside loopback").isEmpty();
        assertThat(tempFiles()).as("temporary files left behind").isEmpty();
    }

    private MediaFetcher fetcher(MediaFetchProperties properties, MediaSizeLimits limits) throws IOException {
        return new MediaFetcher(new MediaUrlGuard(properties, resolver), properties, limits, storage, dialer, null);
    }

    private static MediaFetchProperties properties(Duration read, Duration total, String... allowed) {
        return new MediaFetchProperties(Duration.ofSeconds(2), read, total, List.of(allowed), false);
    }

    private String url(String path) {
        return "http://" + MEDIA + ":" + server.port() + path;
    }

    private List<Path> tempFiles() throws IOException {
        Path tmp = storage.resolve(".tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }

    private MediaFetchException refusal(MediaFetcher f, String url, MessageType type) {
        try {
            FetchedMedia media = f.fetch(url, type);
            media.close();
            throw new AssertionError("fetched " + url + " which should have been refused");
        } catch (MediaFetchException e) {
            return e;
        }
    }

    // ---- success --------------------------------------------------------------------------------------------

    @Test
    void streamsTheBodyToATemporaryFileThatCloseDeletes() throws Exception {
        Path file;
        try (FetchedMedia media = fetcher.fetch(url("/files/holiday%20photo.jpg?size=large"), MessageType.IMAGE)) {
            file = media.file();
            assertThat(media.size()).isEqualTo(image.length);
            assertThat(media.contentType()).isEqualTo("image/jpeg");
            assertThat(media.urlFileName()).isEqualTo("holiday photo.jpg");
            assertThat(file.getParent()).isEqualTo(storage.resolve(".tmp"));
            assertThat(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(image));
        }
        assertThat(file).doesNotExist();
        assertThat(dialer.calls).hasSize(1)
                .allSatisfy(a -> assertThat(a.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1")));
        assertThat(resolver.lookups).containsExactly(MEDIA);
    }

    @Test
    void followsUpToThreeRedirectsOfEveryKind() throws Exception {
        try (FetchedMedia media = fetcher.fetch(url("/chain/3"), MessageType.DOCUMENT)) {
            assertThat(media.size()).isEqualTo(image.length);
            assertThat(media.urlFileName()).isEqualTo("0");
        }
    }

    @Test
    void allowPrivateNetworksReachesALoopbackLiteral() throws Exception {
        var props = new MediaFetchProperties(null, null, null, List.of(), true);
        try (MediaFetcher open = fetcher(props, MediaSizeLimits.defaults())) {
            // every spelling of the literal connects to the address it means, without a lookup
            for (String host : List.of("127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]",
                    "127.0.0.1.")) {
                try (FetchedMedia media = open.fetch("http://" + host + ":" + server.port() + "/files/a.jpg",
                        MessageType.IMAGE)) {
                    assertThat(media.size()).as(host).isEqualTo(image.length);
                }
            }
        }
        assertThat(resolver.lookups).isEmpty();
        assertThat(dialer.calls).hasSize(7)
                .allSatisfy(a -> assertThat(a.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void theNameIsResolvedOnceSoARebindingDnsCannotSwitchTheAddress() throws Exception {
        // first answer the loopback media host, every later one a multicast address no policy allows: a second
        // lookup at connect time would send the connection there and the dialer would fail the test
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = name -> lookups.incrementAndGet() == 1
                ? List.of(MapResolver.literal("127.0.0.1")) : List.of(MapResolver.literal("224.0.0.1"));
        var props = properties(Duration.ofSeconds(5), Duration.ofSeconds(10), "rebind.example.test");
        try (MediaFetcher f = new MediaFetcher(new MediaUrlGuard(props, rebinding), props,
                MediaSizeLimits.defaults(), storage, dialer, null);
             FetchedMedia media = f.fetch("http://rebind.example.test:" + server.port() + "/files/a.jpg",
                     MessageType.IMAGE)) {
            assertThat(media.size()).isEqualTo(image.length);
        }
        assertThat(lookups).hasValue(1);
        assertThat(dialer.calls).allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).isTrue());
    }

    // ---- refusals before any connection ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://2130706433/", "http://0x7f.1/",
            "http://0177.0.0.1/", "http://127.1/", "http://100.64.0.1/", "http://[fc00::1]/", "http://[fe80::1]/",
            "http://0.0.0.0/", "http://224.0.0.1/", "http://private.example.test/a.jpg",
            "http://metadata.example.test/latest/meta-data/", "http://mixed.example.test/a.jpg",
            "http://localhost/", "file:///etc/passwd", "ftp://example.com/a.jpg"})
    void refusedUrlsNeverReachTheDialer(String url) throws IOException {
        MediaFetchException e = refusal(fetcher, url, MessageType.IMAGE);
        assertThat(e.reason()).isIn(Reason.BLOCKED_ADDRESS, Reason.UNSUPPORTED_SCHEME);
        assertThat(dialer.calls).as("connections attempted").isEmpty();
    }

    @Test
    void theLoopbackServerItselfIsRefusedUnlessAllowed() throws IOException {
        MediaFetchException e = refusal(fetcher, "http://127.0.0.1:" + server.port() + "/files/a.jpg",
                MessageType.IMAGE);
        assertThat(e.reason()).isEqualTo(Reason.BLOCKED_ADDRESS);
        assertThat(dialer.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/x", "http://private.example.test/x",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]:1/", "http://2130706433/",
            "http://localhost/", "file:///etc/passwd"})
    void aRedirectToARefusedTargetIsRefusedAndNotFollowed(String target) throws IOException {
        MediaFetchException e = refusal(fetcher, url("/redirect?" + URLEncoder.encode(target, StandardCharsets.UTF_8)),
                MessageType.IMAGE);
        assertThat(e.reason()).isIn(Reason.BLOCKED_ADDRESS, Reason.UNSUPPORTED_SCHEME);
        assertThat(e.getMessage()).contains("redirect refused");
        assertThat(dialer.calls).as("only the media host").hasSize(1)
                .allSatisfy(a -> assertThat(a.getPort()).isEqualTo(server.port()));
    }

    @Test
    void moreThanThreeRedirectsAreRefused() throws IOException {
        MediaFetchException e = refusal(fetcher, url("/chain/4"), MessageType.IMAGE);
        assertThat(e.reason()).isEqualTo(Reason.REDIRECT_REFUSED);
        assertThat(e.getMessage()).isEqualTo("redirect_refused: more than 3 redirects");
    }

    @Test
    void httpsToHttpRedirectIsRefused() throws Exception {
        FetchTarget from = FetchTarget.parse("https://media.example.test/a");
        FetchTarget to = FetchTarget.parse("http://media.example.test/a");
        assertThatThrownBy(() -> MediaFetcher.refuseDowngrade(from, to))
                .isInstanceOfSatisfying(MediaFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REDIRECT_REFUSED));
        MediaFetcher.refuseDowngrade(to, from); // http to https is fine
        MediaFetcher.refuseDowngrade(from, from);
    }

    // ---- answers the worker does not keep ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {404, 403, 500, 204, 304})
    void answersOtherThan2xxWithABodyAreRefusedWithTheStatus(int status) throws IOException {
        if (status == 204) {
            // 2xx without a body: an empty file, kept for the caller's content check to refuse
            try (FetchedMedia media = fetcher.fetch(url("/status/204"), MessageType.IMAGE)) {
                assertThat(media.size()).isZero();
            } catch (MediaFetchException e) {
                throw new AssertionError(e);
            }
            return;
        }
        MediaFetchException e = refusal(fetcher, url("/status/" + status), MessageType.IMAGE);
        assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
        assertThat(e.getMessage()).endsWith("answered HTTP " + status);
    }

    @Test
    void aBodyPastTheCapIsCutOffRightAfterIt() throws Exception {
        long cap = DataSize.ofMegabytes(1).toBytes();
        try (MediaFetcher capped = fetcher(properties(Duration.ofSeconds(5), Duration.ofSeconds(30), MEDIA),
                new MediaSizeLimits(DataSize.ofBytes(cap), null, null, null))) {
            long start = System.nanoTime();
            MediaFetchException e = refusal(capped, url("/endless"), MessageType.IMAGE);
            assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo(
                    "too_large: the body is larger than the image limit of " + cap + " bytes");
            assertThat(server.endlessDone.await(10, TimeUnit.SECONDS)).as("server saw the hang-up").isTrue();
            // what the server got out is the cap plus what loopback socket buffers absorb, not the gigabyte
            assertThat(server.endlessWritten.get()).isLessThan(cap + DataSize.ofMegabytes(24).toBytes());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aContentLengthPastTheCapIsRefusedBeforeReading() throws IOException {
        long start = System.nanoTime();
        MediaFetchException e = refusal(fetcher, url("/declared-huge"), MessageType.DOCUMENT);
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).startsWith("too_large: Content-Length 1073741824 is larger than the document limit");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aTricklingServerIsCutOffByTheTotalLimit() throws IOException {
        try (MediaFetcher impatient = fetcher(properties(Duration.ofSeconds(5), Duration.ofMillis(1500), MEDIA),
                MediaSizeLimits.defaults())) {
            long start = System.nanoTime();
            MediaFetchException e = refusal(impatient, url("/trickle"), MessageType.AUDIO);
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.getMessage()).contains("MEDIA_FETCH_TIMEOUT");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aSilentServerHitsTheReadTimeout() throws IOException {
        try (MediaFetcher impatient = fetcher(properties(Duration.ofMillis(500), Duration.ofSeconds(20), MEDIA),
                MediaSizeLimits.defaults())) {
            MediaFetchException e = refusal(impatient, url("/silent"), MessageType.VIDEO);
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.getMessage()).contains("MEDIA_READ_TIMEOUT");
        }
    }

    @Test
    void garbageInsteadOfHttpIsAConnectionFailureNotACrash() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = garbage.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[1024]);
                    out.write("SSH-2.0-OpenSSH\r\n\u0000\u0001\u0002 not http at all\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException ignored) {
                    // test ends either way
                }
            });
            MediaFetchException e = refusal(fetcher, "http://" + MEDIA + ":" + garbage.getLocalPort() + "/x",
                    MessageType.IMAGE);
            assertThat(e.reason()).isEqualTo(Reason.CONNECTION_FAILED);
        }
    }

    @Test
    void aClosedPortIsAConnectionFailure() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        MediaFetchException e = refusal(fetcher, "http://" + MEDIA + ":" + closed + "/x", MessageType.IMAGE);
        assertThat(e.reason()).isEqualTo(Reason.CONNECTION_FAILED);
        assertThat(dialer.calls).containsExactly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), closed));
    }

    @Test
    void staleTemporaryFilesOfACrashedRunAreRemovedAtStart() throws IOException {
        Path tmp = storage.resolve(".tmp");
        Path stale = Files.createFile(tmp.resolve("fetch-123.part"));
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));
        Path fresh = Files.createFile(tmp.resolve("fetch-456.part"));
        Path foreign = Files.createFile(tmp.resolve("someone-else.bin"));
        Files.setLastModifiedTime(foreign, java.nio.file.attribute.FileTime.fromMillis(0));
        fetcher(MediaFetchProperties.defaults(), MediaSizeLimits.defaults()).close();
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(foreign).exists();
        Files.delete(fresh);
        Files.delete(foreign);
    }
}
