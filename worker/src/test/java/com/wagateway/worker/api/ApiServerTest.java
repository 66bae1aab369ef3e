package com.wagateway.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.media.fetch.MediaUrlGuardConfiguration;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The facade on a real Tomcat over loopback: what MockMvc cannot show (the container's path normalization, a
 * chunked body, actuator and springdoc wired by auto-configuration, Boot's error page replaced).
 */
@SpringBootTest(classes = ApiServerTest.App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "worker.auth-token=" + ApiServerTest.TOKEN, "worker.environment=test", "worker.api.max-body-size=1KB",
        "management.endpoints.web.exposure.include=health,info",
        "management.endpoint.health.probes.enabled=true"})
class ApiServerTest {

    static final String TOKEN = "server-test-token";

    /** Spec paths and methods (ref/worker-spec.md) that the OpenAPI document must describe. */
    private static final Map<String, List<String>> SPEC = Map.of(
            "/health", List.of("get"), "/api/health", List.of("get"),
            "/info", List.of("get"), "/api/info", List.of("get"),
            "/api/session/create", List.of("post"),
            "/api/session/{sessionId}/status", List.of("get"),
            "/api/session/{sessionId}", List.of("delete"),
            "/api/session/{sessionId}/restart", List.of("post"),
            "/api/session/{sessionId}/disconnect", List.of("post"),
            "/api/session/{sessionId}/logout", List.of("post"));
    private static final Map<String, List<String>> SPEC_MESSAGES = Map.of(
            "/api/session/{sessionId}/send", List.of("post"),
            "/api/session/{sessionId}/messages", List.of("get"));
    /** Beyond the spec, but part of the API a client may call: linking by phone number instead of a QR. */
    private static final Map<String, List<String>> BEYOND_SPEC = Map.of(
            "/api/session/{sessionId}/pairing-code", List.of("post"));

    /** The facade alone: no Kafka, the contracts faked; everything else as auto-configuration makes it. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
    @Import({ApiConfiguration.class, OpenApiConfiguration.class, TomcatErrorConfiguration.class,
            HealthController.class, SessionController.class, MessageController.class, EnvelopeErrorController.class,
            ApiExceptionHandler.class, CommandSubmitter.class, SessionService.class, MessageService.class,
            WorkerStatusService.class, SendRequestValidator.class, ContractFakes.class,
        MediaUrlGuardConfiguration.class})
    static class App {}

    @LocalServerPort
    int port;
    @Autowired
    ContractFakes.RecordingGateway gateway;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder call(String rawPath) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath));
    }

    private HttpRequest.Builder authed(String rawPath) {
        return call(rawPath).header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void openApiDocumentDescribesEverySpecPath() throws Exception {
        HttpResponse<String> response = send(authed("/v3/api-docs"));
        assertThat(response.statusCode()).isEqualTo(200);
        // Kept for reviewers and docs/api.md: the document exactly as served.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), response.body());
        JsonNode doc = json.readTree(response.body());
        JsonNode paths = doc.get("paths");
        var all = new java.util.HashMap<>(SPEC);
        all.putAll(SPEC_MESSAGES);
        all.putAll(BEYOND_SPEC);
        all.forEach((path, methods) -> {
            assertThat(paths.has(path)).as("path %s in /v3/api-docs", path).isTrue();
            for (String method : methods) {
                JsonNode operation = paths.get(path).get(method);
                assertThat(operation).as("%s %s", method, path).isNotNull();
                assertThat(operation.get("responses").has("401")).as("401 documented on %s %s", method, path)
                        .isTrue();
            }
        });
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        // Examples are the spec's shapes, e.g. create's request and 201 answer.
        JsonNode create = paths.get("/api/session/create").get("post");
        assertThat(create.at("/responses/201/content/application~1json/example/data/status").asString())
                .isEqualTo("initializing");
        assertThat(create.at("/requestBody/content/application~1json/example/sessionId").asString())
                .isEqualTo("user123-personal");
        // send: every outcome is a 200, each with its own example
        JsonNode sendOk = paths.at("/~1api~1session~1{sessionId}~1send/post/responses/200/content/application~1json"
                + "/examples");
        assertThat(sendOk.at("/sent/value/data/status").asString()).isEqualTo("sent");
        assertThat(sendOk.at("/pending/value/data/status").asString()).isEqualTo("pending");
        assertThat(sendOk.at("/failed/value/success").asBoolean(true)).isFalse();
        assertThat(sendOk.at("/failed/value/data/status").asString()).isEqualTo("failed");
        JsonNode sendResponses = paths.at("/~1api~1session~1{sessionId}~1send/post/responses");
        assertThat(sendResponses.has("202")).isFalse();
        assertThat(sendResponses.has("502")).isFalse();
        assertThat(sendResponses.has("422")).isFalse();
        assertThat(paths.has("/error")).as("the error page is not an API route").isFalse();
        // pairing-code: the body names the phone number, the answer carries the code, each refusal is documented
        JsonNode pairing = paths.at("/~1api~1session~1{sessionId}~1pairing-code/post");
        assertThat(pairing.at("/requestBody/content/application~1json/example/phoneNumber").asString())
                .matches("[0-9]{8,15}");
        assertThat(pairing.at("/responses/200/content/application~1json/example/data/pairingCode").asString())
                .isNotBlank();
        for (String status : List.of("400", "404", "409", "503", "504")) {
            assertThat(pairing.at("/responses/" + status).isMissingNode()).as("%s on pairing-code", status).isFalse();
        }
    }

    @Test
    void apiDocsAndSwaggerUiNeedTheTokenByDefault() throws Exception {
        assertThat(send(call("/v3/api-docs")).statusCode()).isEqualTo(401);
        assertThat(send(call("/swagger-ui/index.html")).statusCode()).isEqualTo(401);
        assertThat(send(authed("/swagger-ui/index.html")).statusCode()).isEqualTo(200);
    }

    @Test
    void livenessAndReadinessProbesArePublicOtherActuatorIsNot() throws Exception {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = send(call(probe));
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).as(probe).contains("\"UP\"").doesNotContain("details");
        }
        assertThat(send(call("/actuator/info")).statusCode()).isEqualTo(401);
        assertThat(send(call("/actuator")).statusCode()).isEqualTo(401);
        assertThat(send(authed("/actuator/info")).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRouteIsTheEnvelopeNotBootsErrorJson() throws Exception {
        HttpResponse<String> response = send(authed("/nope"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json.readTree(response.body()).get("success").asBoolean()).isFalse();
        assertThat(response.body()).doesNotContain("timestamp").doesNotContain("Whitelabel");
        assertThat(send(call("/nope")).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/session/%2e%2e/status", "/api/session/..%2Fetc/status",
            "/api/session/a%2Fb/status", "/api/session/%2e%2e%2f%2e%2e%2fetc/status", "/api/session/a%5Cb/status",
            "/api/session/a;b/status"})
    void traversalAttemptsNeverReachASession(String path) throws Exception {
        HttpResponse<String> response = send(authed(path));
        // Tomcat normalizes or refuses some of these before Spring sees them; whichever answers, it is an
        // error in the envelope and never a session lookup or command.
        assertThat(response.statusCode()).as(path).isIn(400, 404);
        assertThat(json.readTree(response.body()).get("success").asBoolean()).as(path).isFalse();
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void encodedSlashRefusedByTomcatStillGetsTheEnvelope() throws Exception {
        HttpResponse<String> response = send(authed("/api/session/a%2Fb/status"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json.readTree(response.body()).get("error").asString()).isEqualTo(
                "Bad request: the URL or headers are malformed (encoded '/' or '\\' and paths above the root are "
                        + "refused)");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] body = ("{\"sessionId\":\"s1\",\"userId\":\"" + "u".repeat(4000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length, so the client sends Transfer-Encoding: chunked.
        HttpResponse<String> response = send(authed("/api/session/create").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .isEqualTo("{\"success\":false,\"error\":\"Request body too large: the limit is 1024 bytes\"}");
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void declaredLengthOverTheLimitIs413() throws Exception {
        String body = "{\"sessionId\":\"s1\",\"userId\":\"" + "u".repeat(4000) + "\"}";
        HttpResponse<String> response = send(authed("/api/session/create").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("error").asString()).startsWith("Request body too large");
    }

    @Test
    void createWorksEndToEndOverHttp() throws Exception {
        HttpResponse<String> response = send(authed("/api/session/create").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\":\"srv-1\",\"userId\":\"u1\"}")));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body())
                .isEqualTo("{\"success\":true,\"data\":{\"sessionId\":\"srv-1\",\"status\":\"initializing\"}}");
        gateway.commands.clear();
    }
}
