package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lean HTTP/1.1 client against a scripted socket server: framing, keep-alive, stale connections. */
class PlainHttpClientTest {

    /** Answers each request on a connection with the next scripted answer; "CLOSE" closes the connection. */
    static final class Scripted implements AutoCloseable {
        final ServerSocket server;
        final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();

        Scripted() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s) {
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                while (true) {
                    StringBuilder req = new StringBuilder();
                    int length = 0;
                    for (String line = in.readLine(); ; line = in.readLine()) {
                        if (line == null) {
                            return;
                        }
                        if (line.isEmpty()) {
                            break;
                        }
                        req.append(line).append('\n');
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).strip());
                        }
                    }
                    char[] body = new char[length];
                    int read = 0;
                    while (read < length) {
                        read += in.read(body, read, length - read);
                    }
                    requests.add(req + "\n" + new String(body));
                    String answer = answers.take();
                    if (answer.equals("CLOSE")) {
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (answer.contains("Connection: close")) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // test server: the connection ends
            }
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/base/");
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static final List<Map.Entry<String, String>> HEADERS = List.of(Map.entry("X-Event-Id", "e1"),
            Map.entry("Content-Type", "application/json"));

    @Test
    void sendsTheRequestAndReusesTheConnection() throws Exception {
        try (Scripted backend = new Scripted(); PlainHttpClient client = new PlainHttpClient(backend.url(), Duration.ofSeconds(5))) {
            backend.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n{\"success\":true}");
            backend.answers.add("HTTP/1.1 503 Busy\r\nRetry-After: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4\r\nbusy\r\n7;x=y\r\n, later\r\n0\r\n\r\n");
            backend.answers.add("HTTP/1.1 204 No Content\r\n\r\n");

            PlainHttpClient.Response first = client.post("/hook", HEADERS, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            PlainHttpClient.Response second = client.post("/hook", HEADERS, "{}".getBytes(StandardCharsets.UTF_8));
            PlainHttpClient.Response third = client.post("/other", HEADERS, new byte[0]);

            assertThat(first.status()).isEqualTo(200);
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"success\":true}");
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.retryAfter()).isEqualTo("7");
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("busy, later");
            assertThat(third.status()).isEqualTo(204);
            assertThat(backend.connections.get()).isEqualTo(1);
            assertThat(backend.requests.get(0)).startsWith("POST /base/hook HTTP/1.1\nHost: 127.0.0.1:")
                    .contains("X-Event-Id: e1\n").contains("Content-Length: 7\n").endsWith("\n\n{\"a\":1}");
            assertThat(backend.requests.get(2)).startsWith("POST /base/other HTTP/1.1\n");
        }
    }

    @Test
    void aConnectionTheBackendClosedWhileIdleIsReplacedWithoutAFailure() throws Exception {
        try (Scripted backend = new Scripted(); PlainHttpClient client = new PlainHttpClient(backend.url(), Duration.ofSeconds(5))) {
            backend.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            backend.answers.add("CLOSE"); // the second request finds the connection closed without an answer
            backend.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

            assertThat(client.post("/hook", HEADERS, new byte[0]).status()).isEqualTo(200);
            PlainHttpClient.Response again = client.post("/hook", HEADERS, new byte[0]);

            assertThat(again.status()).isEqualTo(200);
            assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThat(backend.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void connectionCloseAndBodiesUntilEofAreNotReused() throws Exception {
        try (Scripted backend = new Scripted(); PlainHttpClient client = new PlainHttpClient(backend.url(), Duration.ofSeconds(5))) {
            backend.answers.add("HTTP/1.1 500 Oops\r\nConnection: close\r\n\r\nbroken");
            backend.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

            PlainHttpClient.Response failed = client.post("/hook", HEADERS, new byte[0]);
            assertThat(failed.status()).isEqualTo(500);
            assertThat(new String(failed.body(), StandardCharsets.UTF_8)).isEqualTo("broken");
            assertThat(client.post("/hook", HEADERS, new byte[0]).status()).isEqualTo(200);
            assertThat(backend.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aFreshConnectionClosedWithoutAnswerOrASlowBackendIsAFailure() throws Exception {
        try (Scripted backend = new Scripted(); PlainHttpClient client = new PlainHttpClient(backend.url(), Duration.ofMillis(300))) {
            backend.answers.add("CLOSE");
            assertThatThrownBy(() -> client.post("/hook", HEADERS, new byte[0])).isInstanceOf(IOException.class);
            // no answer queued: the Backend never replies
            assertThatThrownBy(() -> client.post("/hook", HEADERS, new byte[0]))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(backend.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void headerInjectionIsRefused() throws Exception {
        try (Scripted backend = new Scripted(); PlainHttpClient client = new PlainHttpClient(backend.url(), Duration.ofSeconds(1))) {
            List<Map.Entry<String, String>> bad = new ArrayList<>(HEADERS);
            bad.add(Map.entry("X-Worker-Id", "w1\r\nX-Evil: 1"));
            assertThatThrownBy(() -> client.post("/hook", bad, new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThat(backend.requests).isEmpty();
        }
    }

    @Test
    void anInterruptedCallEndsWithInterruptedException() throws Exception {
        try (Scripted backend = new Scripted(); PlainHttpClient client = new PlainHttpClient(backend.url(), Duration.ofSeconds(30))) {
            BlockingQueue<Throwable> outcome = new LinkedBlockingQueue<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    client.post("/hook", HEADERS, new byte[0]); // never answered
                    outcome.add(new AssertionError("answered"));
                } catch (Throwable t) {
                    outcome.add(t);
                }
            });
            while (backend.requests.isEmpty()) {
                Thread.sleep(10);
            }
            caller.interrupt();
            assertThat(outcome.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        }
    }
}
