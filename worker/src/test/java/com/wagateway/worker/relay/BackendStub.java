package com.wagateway.worker.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The Backend, for tests: a real HTTP server on 127.0.0.1 that records every request (also those it fails) and
 * answers with what {@link #respond} says (200 by default). Outside the worker, like the real one.
 */
public final class BackendStub implements AutoCloseable {

    /** One request as the Backend saw it; header names lower-cased. */
    public record Request(String method, String path, Map<String, String> headers, String body, int answered,
                          long receivedAtNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Integer> responder = r -> 200;

    public BackendStub() {
        this(0);
    }

    /** On a given loopback port (0: any free one), e.g. one a worker was already told to call. */
    public BackendStub(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Decides the status of each request (it is recorded with that status). */
    public void respond(Function<Request, Integer> responder) {
        this.responder = responder;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void clear() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            Request seen = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, 0,
                    System.nanoTime());
            int status = responder.apply(seen);
            requests.add(new Request(seen.method(), seen.path(), headers, body, status, seen.receivedAtNanos()));
            byte[] answer = status >= 400 ? ("{\"error\":\"stub says " + status + "\"}").getBytes(StandardCharsets.UTF_8)
                    : "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
