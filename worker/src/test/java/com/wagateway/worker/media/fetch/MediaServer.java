package com.wagateway.worker.media.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** The media host of the fetch tests: a JDK HttpServer on 127.0.0.1 with the answers the tests need. */
final class MediaServer implements AutoCloseable {

    final HttpServer server;
    final byte[] image;
    /** Bytes the endless handlers managed to write before the client went away. */
    final AtomicLong endlessWritten = new AtomicLong();
    final CountDownLatch endlessDone = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    MediaServer(byte[] image) throws IOException {
        this.image = image;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/files/", this::file);
        server.createContext("/endless", this::endless);
        server.createContext("/declared-huge", this::declaredHuge);
        server.createContext("/trickle", this::trickle);
        server.createContext("/silent", this::silent);
        server.createContext("/status/", this::status);
        server.createContext("/redirect", this::redirect);
        server.createContext("/chain/", this::chain);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void file(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
        exchange.sendResponseHeaders(200, image.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(image);
        }
    }

    /** Chunked, no Content-Length, 1 GiB of zeros unless the client stops reading. */
    private void endless(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
                out.write(chunk);
                endlessWritten.addAndGet(chunk.length);
            }
        } catch (IOException expected) {
            // the client hung up after the cap: what we want
        } finally {
            endlessDone.countDown();
        }
    }

    /** Declares 1 GiB and sends nothing until released: the client must refuse on the header alone. */
    private void declaredHuge(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 1L << 30);
        exchange.getResponseBody().flush();
        awaitRelease();
        exchange.close();
    }

    /** One byte every 100 ms, forever: under any read timeout, over any total one. */
    private void trickle(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 10_000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException expected) {
            // client gone
        }
    }

    /** Headers, then silence. */
    private void silent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().flush();
        awaitRelease();
        exchange.close();
    }

    private void status(HttpExchange exchange) throws IOException {
        int code = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    /** 302 to the query string (URL-decoded by getQuery). */
    private void redirect(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getQuery());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** /chain/3 → /chain/2 → /chain/1 → /chain/0 → the image (relative Locations, varied redirect codes). */
    private void chain(HttpExchange exchange) throws IOException {
        int left = Integer.parseInt(exchange.getRequestURI().getPath().substring("/chain/".length()));
        if (left == 0) {
            file(exchange);
            return;
        }
        int[] codes = {301, 302, 303, 307, 308};
        exchange.getResponseHeaders().add("Location", "/chain/" + (left - 1));
        exchange.sendResponseHeaders(codes[left % codes.length], -1);
        exchange.close();
    }

    private void awaitRelease() {
        try {
            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
