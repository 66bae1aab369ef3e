package com.wagateway.whatsapp.media;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTPS media host (127.0.0.1 only) with the test's own certificate: takes uploads as WhatsApp's hosts do
 * (stores the blob, answers url and direct_path), serves blobs by direct path, and misbehaves on request.
 */
public final class MediaHostServer implements AutoCloseable {

    public record Request(String method, String path, String rawQuery, Headers headers, byte[] body) {}

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Blobs by direct path. */
    public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** Answers by path, used once each before the normal behaviour (e.g. 404 for an expired blob). */
    public final Map<String, Integer> statusOnce = new ConcurrentHashMap<>();
    public volatile int uploadStatus = 200;
    /** When set, a GET streams this many bytes without Content-Length (an oversized or endless file). */
    public volatile long streamBytes = -1;
    /** When set, a GET sends its body one byte per this many milliseconds. */
    public volatile long trickleMillis = 0;
    public final AtomicLong bytesStreamed = new AtomicLong();
    public volatile boolean streamBroken;
    /** When set, runs while an upload's body has arrived and before it is answered. */
    public volatile Runnable duringUpload;
    /** When set, runs after half of a served blob was sent (and flushed), before the rest. */
    public volatile Runnable midDownload;
    /** When set, an upload's answer headers go out at once and its body this many milliseconds later. */
    public volatile long stallAnswerMillis = 0;
    private final AtomicInteger uploads = new AtomicInteger();
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public MediaHostServer(TestCertificate certificate) throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code 127.0.0.1:port}, as a media_conn hostname. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body));
            Integer once = statusOnce.remove(path);
            if (once != null) {
                exchange.sendResponseHeaders(once, -1);
                return;
            }
            if ("POST".equals(exchange.getRequestMethod())) {
                upload(exchange, body);
            } else {
                download(exchange, path);
            }
        }
    }

    private void upload(HttpExchange exchange, byte[] body) throws IOException {
        if (uploadStatus != 200) {
            exchange.sendResponseHeaders(uploadStatus, -1);
            return;
        }
        Runnable hook = duringUpload;
        if (hook != null) {
            hook.run();
        }
        String directPath = "/v/t62.7118-24/" + uploads.incrementAndGet() + ".enc";
        blobs.put(directPath, body);
        byte[] answer = ("{\"url\":\"https://" + host() + directPath + "?ccb=11-4\",\"direct_path\":\"" + directPath
                + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        if (stallAnswerMillis > 0) {
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(stallAnswerMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        exchange.getResponseBody().write(answer);
    }

    private void download(HttpExchange exchange, String path) throws IOException {
        if (streamBytes >= 0) {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
            byte[] chunk = new byte[16 * 1024];
            OutputStream out = exchange.getResponseBody();
            try {
                for (long sent = 0; sent < streamBytes; sent += chunk.length) {
                    out.write(chunk);
                    bytesStreamed.addAndGet(chunk.length);
                }
                out.flush();
            } catch (IOException e) {
                streamBroken = true;
            }
            return;
        }
        byte[] blob = blobs.get(path);
        if (blob == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        exchange.sendResponseHeaders(200, blob.length);
        OutputStream out = exchange.getResponseBody();
        if (trickleMillis > 0) {
            try {
                for (byte b : blob) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(trickleMillis);
                }
            } catch (IOException | InterruptedException e) {
                streamBroken = true;
            }
            return;
        }
        Runnable hook = midDownload;
        if (hook != null) {
            out.write(blob, 0, blob.length / 2);
            out.flush();
            hook.run();
            out.write(blob, blob.length / 2, blob.length - blob.length / 2);
            return;
        }
        out.write(blob);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
