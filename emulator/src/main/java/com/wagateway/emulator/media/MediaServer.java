package com.wagateway.emulator.media;

import com.wagateway.whatsapp.media.MediaTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media hosts (fact sheet §11.4) on their own HTTPS port, with the emulator's own certificate: uploads
 * {@code POST /mms/<kind>/<token>?auth=…&token=…} and downloads {@code GET /v/…}. Reached as {@code 127.0.0.1:<port>}
 * and as {@code localhost:<port>} — the two hosts {@code media_conn} names — told apart by the {@code Host} header,
 * so a fault can fail one of them. Bodies stream on virtual threads (to and from files), never whole in memory.
 */
public final class MediaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaServer.class);
    private static final int CHUNK = 64 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public MediaServer(String host, int port, MediaCertificate certificate, MediaStore store, MediaAuth auth,
                       MediaFaults faults, long maxUploadBytes, JsonMapper mapper) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("emulator-media");
        server = new Server(threads);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        char[] password = Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(12))
                .toCharArray();
        tls.setKeyStore(certificate.keyStore(password));
        tls.setKeyStorePassword(new String(password));
        tls.setKeyManagerPassword(new String(password));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Hosts(store, auth, faults, maxUploadBytes, mapper, executor));
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            executor.shutdownNow();
        }
    }

    private static final class Hosts extends Handler.Abstract.NonBlocking {
        private final MediaStore store;
        private final MediaAuth auth;
        private final MediaFaults faults;
        private final long maxUploadBytes;
        private final JsonMapper mapper;
        private final ExecutorService executor;

        Hosts(MediaStore store, MediaAuth auth, MediaFaults faults, long maxUploadBytes, JsonMapper mapper,
              ExecutorService executor) {
            this.store = store;
            this.auth = auth;
            this.faults = faults;
            this.maxUploadBytes = maxUploadBytes;
            this.mapper = mapper;
            this.executor = executor;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            executor.execute(() -> {
                try {
                    serve(request, response, callback);
                } catch (Throwable e) {
                    log.warn("event=media_request_failed method={} path={} error={}", request.getMethod(),
                            Request.getPathInContext(request), e.toString());
                    callback.failed(e);
                }
            });
            return true;
        }

        private void serve(Request request, Response response, Callback callback) throws IOException {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            String host = hostName(request);
            if (method.equals("POST") && path.startsWith("/mms/")) {
                upload(request, response, callback, path, host);
            } else if ((method.equals("GET") || method.equals("HEAD")) && path.startsWith("/v/")) {
                download(request, response, callback, path, method.equals("HEAD"));
            } else {
                json(response, callback, 404, Map.of("error", "no such media endpoint"));
            }
        }

        private void upload(Request request, Response response, Callback callback, String path, String host)
                throws IOException {
            List<String> parts = List.of(path.substring("/mms/".length()).split("/", -1));
            Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            OptionalInt failure = faults.takeUploadFailure(host);
            if (failure.isPresent()) {
                log.info("event=media_upload_failed_by_fault host={} status={}", host, failure.getAsInt());
                refuse(request, response, callback, failure.getAsInt(), "upload failed (fault injected)");
                return;
            }
            if (parts.size() != 2 || !MediaStore.knownKind(parts.get(0))) {
                refuse(request, response, callback, 404, "unknown media kind");
                return;
            }
            if (!auth.valid(query.getValue("auth"))) {
                refuse(request, response, callback, 401, "bad or expired auth");
                return;
            }
            byte[] expected = decodeToken(parts.get(1));
            String queryToken = query.getValue("token");
            if (expected == null || (queryToken != null && !queryToken.equals(parts.get(1)))) {
                refuse(request, response, callback, 400, "token must be the base64url SHA-256 of the body");
                return;
            }
            if (request.getLength() > maxUploadBytes) {
                // not read: a client sending "Expect: 100-continue" gets this before sending the body
                json(response, callback, 413, Map.of("error", "body larger than " + maxUploadBytes + " bytes"));
                return;
            }
            MediaStore.StoredBlob blob;
            try (InputStream body = Content.Source.asInputStream(request)) {
                blob = store.upload(parts.get(0), body, maxUploadBytes, expected);
            } catch (MediaTooLargeException e) {
                json(response, callback, 413, Map.of("error", "body larger than " + maxUploadBytes + " bytes"));
                return;
            } catch (MediaStore.HashMismatchException e) {
                json(response, callback, 400, Map.of("error", e.getMessage()));
                return;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("url", "https://" + hostHeader(request) + blob.directPath() + "&mms3=true");
            answer.put("direct_path", blob.directPath());
            log.info("event=media_uploaded host={} kind={} size={} path={}", host, parts.get(0), blob.size(),
                    blob.pathOnly());
            json(response, callback, 200, answer);
        }

        private void download(Request request, Response response, Callback callback, String path, boolean head)
                throws IOException {
            String pathOnly = MediaStore.pathOnly(path);
            OptionalInt status = pathOnly == null ? OptionalInt.empty() : faults.blobStatus(pathOnly);
            if (status.isPresent()) {
                log.info("event=media_download_refused_by_fault path={} status={}", pathOnly, status.getAsInt());
                json(response, callback, status.getAsInt(), Map.of("error", "media gone (fault injected)"));
                return;
            }
            Path file = store.file(path).orElse(null);
            if (file == null) {
                json(response, callback, 404, Map.of("error", "no such media"));
                return;
            }
            long size = Files.size(file);
            long start = 0;
            long end = size - 1;
            String range = request.getHeaders().get(HttpHeader.RANGE);
            if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
                String[] bounds = range.substring(6).split("-", -1);
                try {
                    start = bounds[0].isEmpty() ? Math.max(0, size - Long.parseLong(bounds[1])) : Long.parseLong(bounds[0]);
                    end = bounds[0].isEmpty() || bounds[1].isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(bounds[1]));
                } catch (NumberFormatException e) {
                    start = -1;
                }
                if (start < 0 || start > end) {
                    response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                    json(response, callback, 416, Map.of("error", "range not satisfiable"));
                    return;
                }
                response.setStatus(206);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
            } else {
                response.setStatus(200);
            }
            long length = end - start + 1;
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
            if (head) {
                callback.succeeded();
                return;
            }
            // a tampered blob has its middle byte flipped on the way out (the file stays intact)
            long flip = faults.tampered(pathOnly) ? size / 2 : -1;
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = Content.Sink.asOutputStream(response)) {
                in.skipNBytes(start);
                byte[] buffer = new byte[CHUNK];
                long position = start;
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        break;
                    }
                    if (flip >= position && flip < position + n) {
                        buffer[(int) (flip - position)] ^= 0x01;
                    }
                    out.write(buffer, 0, n);
                    position += n;
                    left -= n;
                }
            }
            callback.succeeded();
        }

        /**
         * Answers a refused upload after reading (and dropping) its body, up to the size cap, so that a client still
         * sending gets the answer rather than a reset connection.
         */
        private void refuse(Request request, Response response, Callback callback, int status, String error)
                throws IOException {
            if (request.getLength() <= maxUploadBytes) {
                try (InputStream body = Content.Source.asInputStream(request)) {
                    byte[] buffer = new byte[CHUNK];
                    long left = maxUploadBytes;
                    int n;
                    while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                        left -= n;
                    }
                } catch (IOException | RuntimeException e) {
                    // the answer is the point; a body that breaks off changes nothing
                }
            }
            json(response, callback, status, Map.of("error", error));
        }

        private void json(Response response, Callback callback, int status, Object body) {
            byte[] bytes = mapper.writeValueAsBytes(body);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }

        private static byte[] decodeToken(String token) {
            try {
                byte[] sha = Base64.getUrlDecoder().decode(token);
                return sha.length == 32 ? sha : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static String hostHeader(Request request) {
            String host = request.getHeaders().get(HttpHeader.HOST);
            return host == null ? "127.0.0.1:" + Request.getLocalPort(request) : host;
        }

        /** {@code 127.0.0.1} or {@code localhost}: the Host header without the port. */
        private static String hostName(Request request) {
            String host = hostHeader(request);
            int colon = host.lastIndexOf(':');
            return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
        }
    }
}
