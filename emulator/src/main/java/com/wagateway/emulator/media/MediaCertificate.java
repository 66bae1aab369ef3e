package com.wagateway.emulator.media;

import com.wagateway.emulator.store.JsonFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The media hosts' own TLS certificate: self-signed (EC P-256, ECDSA-SHA256), for {@code 127.0.0.1} and
 * {@code localhost}, generated at the first start and kept in {@code media-tls/} of the data folder, so a client
 * that trusts this PEM (the worker's {@code WA_MEDIA_TRUST_CERT}, Node's {@code NODE_EXTRA_CA_CERTS}) keeps trusting
 * a restarted emulator, exactly as it keeps trusting its root key. Clients trust it explicitly; nothing turns TLS
 * checks off.
 */
public final class MediaCertificate {

    public static final String DIRECTORY = "media-tls";
    public static final String CERTIFICATE_FILE = "certificate.pem";
    public static final String KEY_FILE = "private-key.pem";
    private static final Duration VALIDITY = Duration.ofDays(20L * 365);

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Path certificatePath;
    private final String pem;
    private final boolean created;

    private MediaCertificate(X509Certificate certificate, PrivateKey privateKey, Path certificatePath, String pem,
                             boolean created) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.certificatePath = certificatePath;
        this.pem = pem;
        this.created = created;
    }

    /** Loads the certificate and key from {@code dataDir/media-tls}, or creates and stores them. */
    public static MediaCertificate loadOrCreate(JsonFiles files, Path dataDir, Clock clock) {
        Path dir = dataDir.resolve(DIRECTORY);
        Path certFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                String pem = Files.readString(certFile, StandardCharsets.US_ASCII);
                return new MediaCertificate(readCertificate(pem), readKey(Files.readString(keyFile)),
                        certFile.toAbsolutePath(), pem, false);
            }
            files.ensureDirectory(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(pair, clock.instant());
            String certPem = toPem(certificate);
            files.writeBytes(keyFile, pkcs8Pem(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
            files.writeBytes(certFile, certPem.getBytes(StandardCharsets.US_ASCII));
            return new MediaCertificate(certificate, pair.getPrivate(), certFile.toAbsolutePath(), certPem, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the media certificate in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create or read the media certificate in " + dir, e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name name = new X500Name("CN=WhatsApp emulator media host,O=wa-gateway emulator");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(pair.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static String toPem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), which every TLS tool reads. */
    private static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static X509Certificate readCertificate(String pem) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof X509CertificateHolder holder) {
                return new JcaX509CertificateConverter().getCertificate(holder);
            }
            throw new IOException("no certificate in the PEM file");
        }
    }

    private static PrivateKey readKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            throw new IOException("no private key in the PEM file");
        }
    }

    /** The certificate as PEM text (what clients trust). */
    public String pem() {
        return pem;
    }

    /** The absolute path of the PEM certificate file ({@code WA_MEDIA_TRUST_CERT}, {@code NODE_EXTRA_CA_CERTS}). */
    public Path certificatePath() {
        return certificatePath;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Whether this start generated it. */
    public boolean created() {
        return created;
    }

    /** An in-memory key store holding the key and certificate, for the TLS connector. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("media", privateKey, password, new X509Certificate[] {certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the media key store", e);
        }
    }
}
