package com.wagateway.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS to the emulator's media hosts the way a configured client does it: trusting exactly the emulator's PEM
 * certificate (read from its file, as {@code WA_MEDIA_TRUST_CERT} names it), with hostname verification on.
 */
final class MediaHttp {

    private final HttpClient http;

    MediaHttp(Path certificatePem) {
        this.http = HttpClient.newBuilder().sslContext(trusting(certificatePem)).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** An SSL context whose only trust anchor is the PEM certificate in {@code file}. */
    static SSLContext trusting(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("emulator-media", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST https://<host>/mms/<kind>/<token>?auth=…&token=…} as Baileys sends it. */
    HttpResponse<String> upload(String host, String kind, byte[] body, String auth, byte[] sha256) throws Exception {
        return upload(host, kind, body, auth, sha256, false);
    }

    /** With {@code expectContinue} the body is sent only if the host does not refuse the upload at once. */
    HttpResponse<String> upload(String host, String kind, byte[] body, String auth, byte[] sha256,
                                boolean expectContinue) throws Exception {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256);
        URI uri = URI.create("https://" + host + "/mms/" + kind + "/" + token + "?auth=" + auth + "&token=" + token);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).expectContinue(expectContinue)
                .header("Content-Type", "application/octet-stream").header("Origin", "https://web.whatsapp.com")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
