package com.wagateway.worker.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.media.MediaSizeLimits;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.wagateway.worker.media.fetch.MediaFetchException.Reason;
import com.wagateway.worker.message.MessageType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https media hosts: the connection goes to the pinned loopback address while TLS checks the certificate against the
 * URL's host name, and https never redirects down to http. The certificate (for media.example.test only) is made by
 * the JDK's keytool at test start.
 */
class MediaFetcherTlsTest {

    private static final String PASSWORD = "changeit";
    private static final byte[] BODY = "not really a jpeg, but bytes".getBytes();

    @TempDir
    static Path keys;
    private static SSLContext serverTls;
    private static SSLContext clientTls;

    @TempDir
    Path storage;

    private final LoopbackOnlyDialer dialer = new LoopbackOnlyDialer();
    private final MapResolver resolver = new MapResolver()
            .map("media.example.test", "127.0.0.1")
            .map("other.example.test", "127.0.0.1");
    private HttpsServer server;
    private MediaFetcher fetcher;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path store = keys.resolve("media.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "media", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=media.example.test", "-ext", "SAN=dns:media.example.test", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/files/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.createContext("/down", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://media.example.test:"
                    + server.getAddress().getPort() + "/files/a.jpg");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        var props = new MediaFetchProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                List.of("media.example.test", "other.example.test"), false);
        fetcher = new MediaFetcher(new MediaUrlGuard(props, resolver), props, MediaSizeLimits.defaults(), storage,
                dialer, clientTls);
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        fetcher.close();
        assertThat(dialer.violations).isEmpty();
        try (Stream<Path> files = Files.list(storage.resolve(".tmp"))) {
            assertThat(files.toList()).as("temporary files left behind").isEmpty();
        }
    }

    private String url(String host, String path) {
        return "https://" + host + ":" + server.getAddress().getPort() + path;
    }

    @Test
    void theCertificateIsCheckedAgainstTheUrlsNameWhileTheConnectionGoesToThePinnedAddress() throws Exception {
        try (FetchedMedia media = fetcher.fetch(url("media.example.test", "/files/a.jpg"), MessageType.IMAGE)) {
            assertThat(Files.readAllBytes(media.file())).isEqualTo(BODY);
        }
        assertThat(dialer.calls).hasSize(1);
        assertThat(dialer.calls.getFirst().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void aCertificateForAnotherNameFailsTheHandshake() {
        try {
            fetcher.fetch(url("other.example.test", "/files/a.jpg"), MessageType.IMAGE).close();
            throw new AssertionError("a certificate for media.example.test was accepted for other.example.test");
        } catch (MediaFetchException e) {
            assertThat(e.reason()).isEqualTo(Reason.CONNECTION_FAILED);
            assertThat(e.getMessage()).startsWith("connection_failed: TLS failed");
        }
    }

    @Test
    void httpsNeverRedirectsDownToHttp() {
        try {
            fetcher.fetch(url("media.example.test", "/down"), MessageType.IMAGE).close();
            throw new AssertionError("followed a redirect from https to http");
        } catch (MediaFetchException e) {
            assertThat(e.reason()).isEqualTo(Reason.REDIRECT_REFUSED);
            assertThat(e.getMessage()).isEqualTo("redirect_refused: redirect from https to http");
        }
        assertThat(dialer.calls).hasSize(1);
    }
}
