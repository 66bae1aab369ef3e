package com.wagateway.whatsapp.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a client reaches media hosts (fact sheet §11.4).
 *
 * @param sslContext     whose trust decides which media host certificates are accepted: the JDK's default (public
 *                       CAs) for WhatsApp, or {@link MediaTrust#fromPem} for an emulator's own certificate. Hostnames
 *                       are always verified.
 * @param connectTimeout TCP and TLS connect to one host
 * @param requestTimeout one whole upload or download (sending the body, the answer, reading the body)
 * @param retryTimeout   how long a download waits for the phone's {@code mediaretry} answer
 * @param tempDirectory  where the encrypted blobs of uploads and downloads wait ({@link #TEMP_FILE_GLOB}), created
 *                       when missing; each is deleted when its transfer ends, so a file older than the longest
 *                       transfer is a crash's leftover that the owner of the folder may sweep
 */
public record MediaSettings(SSLContext sslContext, Duration connectTimeout, Duration requestTimeout,
                            Duration retryTimeout, Path tempDirectory) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** WhatsApp's media limits reach 2 GB; two minutes suits the default 100 MB-class caps on a normal link. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofSeconds(30);
    /** Encrypted upload blobs in {@link #tempDirectory}: {@code wa-media-up-<random>.enc}. */
    public static final String UPLOAD_TEMP_PREFIX = "wa-media-up-";
    /** Encrypted download blobs in {@link #tempDirectory}: {@code wa-media-down-<random>.enc}. */
    public static final String DOWNLOAD_TEMP_PREFIX = "wa-media-down-";
    public static final String TEMP_SUFFIX = ".enc";
    /** Every blob file the client leaves in {@link #tempDirectory} while a transfer runs (a glob for sweepers). */
    public static final String TEMP_FILE_GLOB = "wa-media-*.enc";

    /** The settings with blobs in {@code java.io.tmpdir} (source compatibility). */
    public MediaSettings(SSLContext sslContext, Duration connectTimeout, Duration requestTimeout,
                         Duration retryTimeout) {
        this(sslContext, connectTimeout, requestTimeout, retryTimeout, defaultTempDirectory());
    }

    public MediaSettings {
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        for (Duration d : new Duration[] {connectTimeout, requestTimeout, retryTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("media timeouts must be positive");
            }
        }
    }

    /** The JDK's default trust and the default timeouts. */
    public static MediaSettings defaults() {
        try {
            return new MediaSettings(SSLContext.getDefault(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                    DEFAULT_RETRY_TIMEOUT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default SSLContext", e);
        }
    }

    /** {@code java.io.tmpdir}. */
    public static Path defaultTempDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    public MediaSettings withSslContext(SSLContext context) {
        return new MediaSettings(context, connectTimeout, requestTimeout, retryTimeout, tempDirectory);
    }

    public MediaSettings withTimeouts(Duration connect, Duration request, Duration retry) {
        return new MediaSettings(sslContext, connect, request, retry, tempDirectory);
    }

    /** Where blobs wait during transfers (the worker: {@code MEDIA_STORAGE_PATH/.tmp}, which it sweeps). */
    public MediaSettings withTempDirectory(Path directory) {
        return new MediaSettings(sslContext, connectTimeout, requestTimeout, retryTimeout, directory);
    }

    /** A new empty blob file in {@link #tempDirectory} (owner-only where the file system has POSIX permissions). */
    Path createTempBlob(String prefix) throws IOException {
        Files.createDirectories(tempDirectory);
        return Files.createTempFile(tempDirectory, prefix, TEMP_SUFFIX);
    }
}
