package com.wagateway.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.connector.ScriptedConnector;
import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.relay.BackendStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a session is created, connected and sends a message (its webhooks going to a Backend stub), the Prometheus
 * scrape on the separate management port (no token there) shows every metric the issue lists with real values, and
 * every metric the Grafana dashboard in compose/grafana queries exists in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "worker.auth-token=" + MetricsScrapeE2ETest.TOKEN, "worker.id=metrics-worker", "management.server.port=0",
        "worker.backend-link.heartbeat-interval=1h"})
@Import(ScriptedConnectorConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MetricsScrapeE2ETest {

    static final String TOKEN = "metrics-token-0123456789";
    static final BackendStub BACKEND = new BackendStub();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern METRIC = Pattern.compile("\\b((?:wa|resilience4j)_[a-z0-9_]+)\\b");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SharedKafka.register(registry);
        registry.add("worker.backend-url", BACKEND::url);
    }

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ScriptedConnector whatsapp;

    @Test
    void scrapeHasTheIssuesMetricsAndEverythingTheDashboardQueries() throws Exception {
        assertThat(call(port, "POST", "/api/session/create", "{\"sessionId\":\"m-s1\",\"userId\":\"u1\"}").statusCode()).isLessThan(300);
        await().atMost(Duration.ofSeconds(15)).until(() -> whatsapp.count("m-s1", "connect") == 1);
        whatsapp.scan("m-s1", "+6281234567890");
        await().atMost(Duration.ofSeconds(15)).until(() -> call(port, "GET", "/api/session/m-s1/status", null).body()
                .contains("\"connected\""));
        HttpResponse<String> sent = call(port, "POST", "/api/session/m-s1/send",
                "{\"to\":\"6289876543210\",\"type\":\"text\",\"message\":\"hi\"}");
        assertThat(sent.statusCode()).isLessThan(300);
        await().atMost(Duration.ofSeconds(15)).until(() -> !BACKEND.requests("/api/v1/webhooks/message-status").isEmpty());

        String scrape = await().atMost(Duration.ofSeconds(10)).until(() -> scrape().body(),
                s -> s.contains("wa_relay_lag{") && s.matches("(?s).*wa_webhook_calls_total\\{[^}]*kind=\"message_status\"[^}]*outcome=\"delivered\"[^}]*} [1-9].*"));
        assertThat(scrape).contains("wa_sessions{").containsPattern("wa_sessions\\{[^}]*status=\"connected\"[^}]*} 1.0");
        assertThat(scrape).containsPattern("wa_commands_total\\{[^}]*outcome=\"executed\"[^}]*type=\"create\"[^}]*} 1.0");
        assertThat(scrape).containsPattern("wa_messages_total\\{[^}]*status=\"sent\"[^}]*} 1.0");
        assertThat(scrape).contains("wa_command_duration_seconds_bucket{").contains("wa_send_ack_seconds_count{");
        assertThat(scrape).contains("wa_webhook_retries_total{").contains("wa_webhook_dead_letters_total{")
                .contains("wa_webhook_delivery_seconds_bucket{").contains("resilience4j_circuitbreaker_state{");

        Set<String> queried = dashboardMetrics();
        assertThat(queried).hasSizeGreaterThanOrEqualTo(10);
        for (String metric : queried) {
            assertThat(scrape).as("dashboard queries %s", metric).contains(metric + "{");
        }

        // the API port keeps asking for the token; actuator lives on the management port now
        assertThat(call(port, "GET", "/actuator/prometheus", null, "wrong").statusCode()).isEqualTo(401);
    }

    private static Set<String> dashboardMetrics() throws Exception {
        Path file = Path.of("..", "compose", "grafana", "wa-worker-dashboard.json");
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
        Set<String> metrics = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asString());
                while (m.find()) {
                    metrics.add(m.group(1));
                }
            }
        }
        return metrics;
    }

    private HttpResponse<String> scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(int port, String method, String path, String json) throws Exception {
        return call(port, method, path, json, TOKEN);
    }

    private static HttpResponse<String> call(int port, String method, String path, String json, String token)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
