package com.wagateway.worker.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Backend's side of the REST contract: real HTTP with the Bearer token, JSON envelope parsed. */
final class RestCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String token;

    RestCalls(int port, String token) {
        this.port = port;
        this.token = token;
    }

    record Reply(int status, JsonNode body) {
        String data(String field) {
            JsonNode n = body.path("data").path(field);
            return n.isMissingNode() || n.isNull() ? null : n.asString();
        }
    }

    Reply get(String path) {
        return call(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String json) {
        return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    Reply delete(String path) {
        return call(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply createSession(String sessionId) {
        return post("/api/session/create", "{\"sessionId\":\"" + sessionId + "\",\"userId\":\"user-" + sessionId
                + "\",\"sessionName\":\"Test " + sessionId + "\"}");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Reply call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Reply(r.statusCode(), body);
        } catch (Exception e) {
            throw new IllegalStateException("HTTP call failed: " + e, e);
        }
    }
}
