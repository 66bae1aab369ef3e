package com.wagateway.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.relay.BackendStub;
import com.wagateway.worker.relay.BackendStub.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Backend link against a real HTTP Backend on loopback that is not there at first: registration is retried until
 * it appears; heartbeats follow at the configured interval with the spec's figures (checked against the worker's own
 * sessions); a 404 makes the worker register again; closing the worker sends a last heartbeat saying offline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "worker.auth-token=" + BackendLinkE2ETest.TOKEN, "worker.id=link-worker", "worker.max-sessions=7",
        "worker.environment=staging", "worker.backend-link.heartbeat-interval=400ms",
        "worker.backend-link.register-backoff-initial=100ms", "worker.backend-link.register-backoff-max=300ms",
        "worker.relay.enabled=false"})
@Import(ScriptedConnectorConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BackendLinkE2ETest {

    static final String TOKEN = "link-token-0123456789";
    static final int BACKEND_PORT = freePort();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static BackendStub backend;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SharedKafka.register(registry);
        registry.add("worker.backend-url", () -> "http://127.0.0.1:" + BACKEND_PORT);
    }

    @AfterAll
    static void stopBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @Autowired
    BackendLink link;

    @LocalServerPort
    int port;

    @Test
    void registersWhenTheBackendAppearsThenBeatsAndSaysOfflineAtTheEnd() throws Exception {
        // the worker runs and keeps trying while nobody listens on the Backend's port
        Thread.sleep(1500);
        backend = new BackendStub(BACKEND_PORT);
        await().atMost(Duration.ofSeconds(10)).until(() -> !backend.requests(register()).isEmpty());
        Request reg = backend.requests(register()).getFirst();
        JsonNode body = JSON.readTree(reg.body());
        assertThat(reg.method()).isEqualTo("POST");
        assertThat(reg.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(body.path("workerId").asString()).isEqualTo("link-worker");
        assertThat(body.path("endpoint").asString()).matches("http://[0-9a-f.:]+:" + port);
        assertThat(body.path("maxSessions").asInt()).isEqualTo(7);
        assertThat(body.path("version").asString()).isNotBlank().isNotEqualTo("unknown");
        assertThat(body.path("environment").asString()).isEqualTo("staging");

        // a session of this worker, so the figures have something to count
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/session/create"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\":\"link-s1\",\"userId\":\"u\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isLessThan(300);

        await().atMost(Duration.ofSeconds(10)).until(() -> beats().size() >= 4
                && beats().getLast().body().contains("\"qr_required\":1"));
        List<Request> beats = beats();
        assertThat(beats.size()).isGreaterThanOrEqualTo(3);
        for (int i = 1; i < beats.size(); i++) {
            long gapMs = (beats.get(i).receivedAtNanos() - beats.get(i - 1).receivedAtNanos()) / 1_000_000;
            assertThat(gapMs).as("interval between heartbeats").isBetween(300L, 1500L);
        }
        Request last = beats.getLast();
        assertThat(last.method()).isEqualTo("PUT");
        JsonNode beat = JSON.readTree(last.body());
        assertThat(beat.path("status").asString()).isEqualTo("online");
        JsonNode m = beat.path("metrics");
        assertThat(m.path("sessionCount").asLong()).isEqualTo(1);
        assertThat(m.path("activeConnections").asLong()).isZero();
        assertThat(m.path("uptime").asLong()).isPositive();
        assertThat(m.path("cpuUsage").asDouble()).isBetween(0.0, 100.0);
        assertThat(m.path("memoryUsage").asDouble()).isGreaterThan(0.0).isLessThanOrEqualTo(100.0);
        JsonNode breakdown = m.path("sessionBreakdown");
        assertThat(breakdown.path("connected").asLong()).isZero();
        assertThat(breakdown.path("disconnected").asLong()).isZero();
        assertThat(breakdown.path("error").asLong()).isZero();
        assertThat(breakdown.path("qr_required").asLong()).isEqualTo(1);

        // the Backend forgets the worker: one 404, then a second registration
        AtomicBoolean forgot = new AtomicBoolean();
        backend.respond(r -> r.path().equals(heartbeat()) && forgot.compareAndSet(false, true) ? 404 : 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests(register()).size() == 2);

        // what the context's shutdown calls on this SmartLifecycle (closing the test's cached context here would
        // break the test framework's own clean-up)
        assertThat(link.isRunning()).isTrue();
        link.stop();
        Request offline = beats().getLast();
        assertThat(JSON.readTree(offline.body()).path("status").asString()).isEqualTo("offline");
    }

    private List<Request> beats() {
        return backend.requests(heartbeat());
    }

    private static String register() {
        return "/api/v1/admin/workers/register";
    }

    private static String heartbeat() {
        return "/api/v1/admin/workers/link-worker/heartbeat";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
