package com.wagateway.whatsapp.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Media host trust from configuration: an {@link SSLContext} that trusts exactly the certificates of a PEM file (a
 * CA or a self-signed host certificate, such as the emulator's). Standard PKIX validation and hostname verification
 * still apply; nothing here accepts a certificate the file does not vouch for.
 */
public final class MediaTrust {

    private MediaTrust() {
    }

    /**
     * @param pem one or more {@code -----BEGIN CERTIFICATE-----} blocks
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static SSLContext fromPem(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return fromPem(in, pem.toString());
        }
    }

    public static SSLContext fromPem(InputStream pem, String name) throws IOException {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(pem);
            if (certificates.isEmpty()) {
                throw new IOException("no certificate in " + name);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                if (!(c instanceof X509Certificate)) {
                    throw new IOException("not an X.509 certificate in " + name);
                }
                store.setCertificateEntry("media-trust-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a trust store from " + name + ": " + e.getMessage(), e);
        }
    }
}
