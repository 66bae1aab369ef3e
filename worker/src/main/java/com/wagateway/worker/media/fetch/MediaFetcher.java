package com.wagateway.worker.media.fetch;

import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.media.fetch.MediaFetchException.Reason;
import com.wagateway.worker.message.MessageType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads {@code media.url} for a send, on the user's behalf and so treated as hostile input (SSRF): only http(s);
 * each host (the first and every redirect's) checked by {@link MediaUrlGuard} and its addresses pinned for the HTTP
 * client, which then connects to nothing else; every connect through the {@link Dialer}; at most
 * {@value #MAX_REDIRECTS} redirects, none from https to http; connect, read and total time limits; the body streamed
 * to a temporary file under {@code MEDIA_STORAGE_PATH/.tmp}, stopped as soon as the type's cap is passed, and the file
 * deleted on every failure. Every failure is a {@link MediaFetchException}.
 *
 * <p>Apache HttpClient 5 rather than the JDK's: the JDK client resolves names itself and cannot be told which address
 * to connect to; this one takes our {@link PinnedAddresses} as its DNS and our socket factory, while TLS SNI and
 * hostname verification still use the URL's host name. One client per fetch (so pins never leak between fetches),
 * with compression, cookies, retries, proxies and automatic redirects all off.
 */
public final class MediaFetcher implements AutoCloseable {

    public static final int MAX_REDIRECTS = 3;

    private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String TEMP_PREFIX = "fetch-";
    private static final String TEMP_SUFFIX = ".part";
    private static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

    private final MediaUrlGuard guard;
    private final MediaFetchProperties properties;
    private final MediaSizeLimits limits;
    private final Path tempDir;
    private final Dialer dialer;
    private final TlsSocketStrategy tls;
    private final ScheduledExecutorService alarms;

    /**
     * @param mediaStoragePath {@code MEDIA_STORAGE_PATH}; temporary files go to its {@code .tmp} folder (a name no session id can have: session folders sit beside it)
     * @param sslContext       trust for https media hosts; null = the JVM's default trust store
     */
    public MediaFetcher(MediaUrlGuard guard, MediaFetchProperties properties, MediaSizeLimits limits,
                        Path mediaStoragePath, Dialer dialer, SSLContext sslContext) throws IOException {
        this.guard = guard;
        this.properties = properties;
        this.limits = limits;
        this.dialer = dialer;
        this.tempDir = mediaStoragePath.resolve(".tmp");
        Files.createDirectories(tempDir);
        removeStaleTempFiles();
        this.tls = new DefaultClientTlsStrategy(sslContext != null ? sslContext : defaultSslContext());
        var timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "media-fetch-alarm");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a finished fetch's alarm does not wait out its delay in the queue
        this.alarms = timer;
    }

    /** The folder holding fetches in progress and fetched files not yet closed. */
    public Path tempDir() {
        return tempDir;
    }

    /**
     * Fetches the URL for a message of this type (the type picks the size cap).
     *
     * @throws MediaFetchException for every refusal and failure, naming the reason
     */
    public FetchedMedia fetch(String url, MessageType type) throws MediaFetchException {
        long cap = limits.maxBytes(type);
        long deadline = System.nanoTime() + properties.totalTimeout().toNanos();
        FetchTarget target = guard.precheck(url);
        PinnedAddresses pins = new PinnedAddresses();
        AtomicBoolean expired = new AtomicBoolean();
        AtomicReference<HttpGet> current = new AtomicReference<>();
        ScheduledFuture<?> alarm = alarms.schedule(() -> {
            expired.set(true);
            HttpGet request = current.get();
            if (request != null) {
                request.cancel(); // closes the connection: a blocked read ends now
            }
        }, properties.totalTimeout().toNanos(), TimeUnit.NANOSECONDS);
        FetchedMedia fetched = null;
        try (CloseableHttpClient client = newClient(pins)) {
            for (int redirects = 0; ; redirects++) {
                pins.pin(target.host(), vet(target, redirects > 0, deadline));
                HttpGet request = new HttpGet(target.uri());
                current.set(request);
                if (expired.get()) {
                    throw totalTimeout();
                }
                try (CloseableHttpResponse response = client.execute(httpHost(target), request)) {
                    int status = response.getCode();
                    if (REDIRECTS.contains(status)) {
                        request.cancel(); // the redirect's body is not read
                        if (redirects == MAX_REDIRECTS) {
                            throw new MediaFetchException(Reason.REDIRECT_REFUSED,
                                    "more than " + MAX_REDIRECTS + " redirects");
                        }
                        target = redirectTarget(target, response);
                        continue;
                    }
                    if (status < 200 || status > 299) {
                        request.cancel();
                        throw new MediaFetchException(Reason.HTTP_STATUS,
                                target.describe() + " answered HTTP " + status);
                    }
                    fetched = store(target, response, request, cap, type);
                    return fetched;
                }
            }
        } catch (MediaFetchException e) {
            log.debug("media fetch refused host={} reason={}", target.describe(), e.reason().code());
            throw e;
        } catch (IOException | RuntimeException e) {
            if (fetched != null) {
                // only closing the response or the client failed, after the whole body was on disk: the file is
                // complete, so it is the answer (a failure here would leave it behind with nobody to delete it)
                log.debug("media fetch closed with an error after completing host={} error={}", target.describe(),
                        e.getClass().getSimpleName());
                return fetched;
            }
            MediaFetchException failure = expired.get() ? totalTimeout() : map(e);
            log.debug("media fetch failed host={} reason={} error={}", target.describe(), failure.reason().code(),
                    e.getClass().getSimpleName());
            throw failure;
        } finally {
            alarm.cancel(false);
        }
    }

    private FetchedMedia store(FetchTarget target, ClassicHttpResponse response, HttpGet request, long cap,
                               MessageType type) throws MediaFetchException, IOException {
        HttpEntity entity = response.getEntity();
        long declared = entity == null ? 0 : entity.getContentLength();
        if (declared > cap) {
            request.cancel();
            throw tooLarge(type, cap, "Content-Length " + declared);
        }
        Header contentType = response.getFirstHeader("Content-Type");
        Path file = createTempFile();
        boolean complete = false;
        try {
            long size = 0;
            if (entity != null) {
                try (InputStream in = entity.getContent(); OutputStream out = Files.newOutputStream(file)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        size += n;
                        if (size > cap) {
                            request.cancel(); // before the stream's close, which would otherwise drain the rest
                            throw tooLarge(type, cap, "the body");
                        }
                        writeTo(out, buffer, n);
                    }
                }
            }
            complete = true;
            return new FetchedMedia(file, size, contentType == null ? null : contentType.getValue(),
                    target.fileName());
        } finally {
            if (!complete) {
                deleteQuietly(file);
            }
        }
    }

    private static void writeTo(OutputStream out, byte[] buffer, int n) throws MediaFetchException {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new MediaFetchException(Reason.STORAGE_FAILED, "could not write the temporary file", e);
        }
    }

    private Path createTempFile() throws MediaFetchException {
        try {
            return Files.createTempFile(tempDir, TEMP_PREFIX, TEMP_SUFFIX);
        } catch (IOException e) {
            throw new MediaFetchException(Reason.STORAGE_FAILED, "could not create a temporary file", e);
        }
    }

    private FetchTarget redirectTarget(FetchTarget from, ClassicHttpResponse response) throws MediaFetchException {
        Header location = response.getFirstHeader("Location");
        if (location == null || location.getValue().isBlank()) {
            throw new MediaFetchException(Reason.REDIRECT_REFUSED, "redirect without a Location");
        }
        String next;
        try {
            next = from.uri().resolve(new URI(location.getValue().trim())).toString();
        } catch (Exception e) {
            throw new MediaFetchException(Reason.REDIRECT_REFUSED, "redirect to an invalid Location");
        }
        FetchTarget target;
        try {
            target = guard.precheck(next);
        } catch (MediaFetchException e) {
            throw new MediaFetchException(e.reason(), "redirect refused: " + detail(e), e);
        }
        refuseDowngrade(from, target);
        return target;
    }

    /**
     * https to http is refused: the body would travel in the clear after the user asked for TLS, and anyone on the
     * path could then rewrite it or steer further redirects; no media host needs it.
     */
    static void refuseDowngrade(FetchTarget from, FetchTarget to) throws MediaFetchException {
        if (from.https() && !to.https()) {
            throw new MediaFetchException(Reason.REDIRECT_REFUSED, "redirect from https to http");
        }
    }

    private List<InetAddress> vet(FetchTarget target, boolean redirected, long deadline)
            throws MediaFetchException {
        try {
            return guard.vet(target, remaining(deadline));
        } catch (MediaFetchException e) {
            if (!redirected) {
                throw e;
            }
            throw new MediaFetchException(e.reason(), "redirect refused: " + detail(e), e);
        }
    }

    private static String detail(MediaFetchException e) {
        String message = e.getMessage();
        String prefix = e.reason().code() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private CloseableHttpClient newClient(PinnedAddresses pins) {
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout read = Timeout.of(properties.readTimeout());
        var operator = new DefaultHttpClientConnectionOperator(new DialingSocketFactory(dialer),
                DefaultSchemePortResolver.INSTANCE, pins,
                RegistryBuilder.<TlsSocketStrategy>create().register("https", tls).build());
        var connections = new BasicHttpClientConnectionManager(operator, ManagedHttpClientConnectionFactory.INSTANCE);
        connections.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(connect).setSocketTimeout(read).build());
        connections.setSocketConfig(SocketConfig.custom().setSoTimeout(read).build());
        connections.setTlsConfig(TlsConfig.custom().setHandshakeTimeout(read).build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE)) // never a proxy
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false).setResponseTimeout(read).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression() // the cap counts bytes on the wire; no decompression bombs
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("wa-gateway-worker media fetch")
                .build();
    }

    private static HttpHost httpHost(FetchTarget target) {
        return new HttpHost(target.scheme(), target.host(), target.port());
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private MediaFetchException totalTimeout() {
        return new MediaFetchException(Reason.TIMEOUT,
                "the fetch took longer than MEDIA_FETCH_TIMEOUT (" + properties.totalTimeout() + ")");
    }

    private static MediaFetchException tooLarge(MessageType type, long cap, String what) {
        return new MediaFetchException(Reason.TOO_LARGE,
                what + " is larger than the " + type.wire() + " limit of " + cap + " bytes");
    }

    private MediaFetchException map(Exception e) {
        if (e instanceof PinnedAddresses.UnvettedHostException) {
            return new MediaFetchException(Reason.BLOCKED_ADDRESS, "connection to an unvetted host refused", e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new MediaFetchException(Reason.TIMEOUT,
                    "no connection within MEDIA_CONNECT_TIMEOUT (" + properties.connectTimeout() + ")", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new MediaFetchException(Reason.TIMEOUT,
                    "no data within MEDIA_READ_TIMEOUT (" + properties.readTimeout() + ")", e);
        }
        if (e instanceof InterruptedIOException) {
            return new MediaFetchException(Reason.TIMEOUT, "the fetch was interrupted", e);
        }
        if (e instanceof SSLException) {
            return new MediaFetchException(Reason.CONNECTION_FAILED, "TLS failed: " + e.getClass().getSimpleName(), e);
        }
        return new MediaFetchException(Reason.CONNECTION_FAILED, e.getClass().getSimpleName(), e);
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("media temporary file not deleted file={} error={}", file.getFileName(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Files a crashed worker left behind; only ours (prefix and suffix), only old ones. Run at start; while the worker
     * runs the retention sweeper's temporary-file pass removes the same stale {@code .tmp/fetch-*.part} files.
     */
    private void removeStaleTempFiles() {
        Instant before = Instant.now().minus(STALE_TEMP_AGE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tempDir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path file : files) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.toInstant().isBefore(before)) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            log.warn("media temporary folder not swept dir={} error={}", tempDir, e.getClass().getSimpleName());
        }
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    @Override
    public void close() {
        alarms.shutdownNow();
    }
}
