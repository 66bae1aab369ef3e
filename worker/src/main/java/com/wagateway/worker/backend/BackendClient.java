package com.wagateway.worker.backend;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** The two admin calls of the spec, with the Bearer token. Answers the HTTP status; no answer is an IOException. */
final class BackendClient {

    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    BackendClient(String baseUrl, String token, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    int register(Registration body) throws IOException, InterruptedException {
        return call("POST", "/api/v1/admin/workers/register", body);
    }

    int heartbeat(String workerId, Heartbeat body) throws IOException, InterruptedException {
        return call("PUT", "/api/v1/admin/workers/" + URLEncoder.encode(workerId, StandardCharsets.UTF_8)
                + "/heartbeat", body);
    }

    private int call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
