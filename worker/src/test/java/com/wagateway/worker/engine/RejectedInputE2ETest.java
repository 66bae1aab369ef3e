package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.media.fetch.LoopbackOnlyDialer;
import com.wagateway.worker.session.SessionStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input against the whole worker (real broker, real engine, real HTTP; nothing of ours faked): each gets its
 * status code in the spec's envelope, and none of them puts a command on {@code wa.commands}.
 */
class RejectedInputE2ETest extends E2ESupport {

    /** The worker's media fetcher may dial loopback only: a refused URL that got through would fail this test. */
    static final LoopbackOnlyDialer DIALER = new LoopbackOnlyDialer();

    @TestConfiguration(proxyBeanMethods = false)
    static class LoopbackOnly {
        @Bean
        LoopbackOnlyDialer loopbackOnlyDialer() {
            return DIALER;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void badRequestsAreAnsweredInTheEnvelopeAndNeverReachKafka() throws Exception {
        assertThat(createSession("rejected-1").status()).isBetween(200, 201); // for the 409 below
        awaitStatus("rejected-1", SessionStatus.QR_REQUIRED);
        long commandsBefore = commandCount();

        // 401: no token, wrong token
        expect(401, raw("GET", "/api/session/rejected-1/status", null, null, null));
        expect(401, raw("POST", "/api/session/create", "application/json", "Bearer wrong-token-0123456789",
                "{\"sessionId\":\"r-401\",\"userId\":\"u\"}"));
        expect(401, raw("POST", "/api/session/rejected-1/send", "application/json", null,
                "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"hi\"}"));

        // 400: a sessionId outside the safe alphabet, in the body and in the path
        expect(400, authed("POST", "/api/session/create", "application/json",
                "{\"sessionId\":\"../x\",\"userId\":\"u\"}"));
        expect(400, authed("POST", "/api/session/bad%20id/restart", "application/json", null));
        expect(400, authed("POST", "/api/session/..%2Fx/send", "application/json",
                "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"hi\"}"));
        // 400: malformed JSON, missing field, wrong type, unknown type, bad recipient, missing text
        expect(400, authed("POST", "/api/session/create", "application/json", "{\"sessionId\":"));
        expect(400, authed("POST", "/api/session/create", "application/json", "{\"userId\":\"u\"}"));
        expect(400, authed("POST", "/api/session/create", "application/json", "{\"sessionId\":7,\"userId\":\"u\"}"));
        expect(400, authed("POST", "/api/session/rejected-1/send", "application/json",
                "{\"to\":\"6281234567890\",\"type\":\"sticker\",\"message\":\"hi\"}"));
        expect(400, authed("POST", "/api/session/rejected-1/send", "application/json",
                "{\"to\":\"not-a-number\",\"type\":\"text\",\"message\":\"hi\"}"));
        expect(400, authed("POST", "/api/session/rejected-1/send", "application/json",
                "{\"to\":\"6281234567890\",\"type\":\"text\"}"));
        // 400: a media URL the worker must not fetch (the cloud metadata address), refused before queueing
        expect(400, authed("POST", "/api/session/rejected-1/send", "application/json",
                "{\"to\":\"6281234567890\",\"type\":\"image\",\"media\":{\"url\":\"http://169.254.169.254/latest/meta-data/\"}}"));

        // 404: unknown session (every command route), unknown route
        expect(404, authed("POST", "/api/session/no-such-session/restart", "application/json", null));
        expect(404, authed("POST", "/api/session/no-such-session/disconnect", "application/json", null));
        expect(404, authed("POST", "/api/session/no-such-session/logout", "application/json", null));
        expect(404, authed("POST", "/api/session/no-such-session/send", "application/json",
                "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"hi\"}"));
        expect(404, authed("GET", "/api/session/no-such-session/status", null, null));
        expect(404, authed("GET", "/api/no-such-route", null, null));

        // 409: the session exists
        expect(409, authed("POST", "/api/session/create", "application/json",
                "{\"sessionId\":\"rejected-1\",\"userId\":\"u\"}"));

        // 413: a body over the limit (64KB by default)
        expect(413, authed("POST", "/api/session/rejected-1/send", "application/json",
                "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"" + "x".repeat(70_000) + "\"}"));

        // 415: not JSON
        expect(415, authed("POST", "/api/session/create", "text/plain", "sessionId=r-415"));
        expect(415, authed("POST", "/api/session/rejected-1/send", "application/x-www-form-urlencoded",
                "to=6281234567890&type=text&message=hi"));

        // 405: a route that exists, with the wrong method
        expect(405, authed("GET", "/api/session/create", null, null));
        expect(405, authed("GET", "/api/session/rejected-1/restart", null, null));
        expect(405, authed("GET", "/api/session/rejected-1/send", null, null));

        assertThat(commandCount()).as("commands on wa.commands after the bad requests").isEqualTo(commandsBefore);
        assertThat(whatsapp.calls("rejected-1")).containsExactly("connect");
        assertThat(directory.find("r-401")).isEmpty();
        assertThat(directory.find("r-415")).isEmpty();
        assertThat(DIALER.violations()).as("media fetches outside loopback").isEmpty();
    }

    private static void expect(int status, HttpResponse<String> response) throws Exception {
        String where = response.request().method() + " " + response.request().uri().getRawPath();
        assertThat(response.statusCode()).as(where + " -> " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(where)
                .startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("success").asBoolean(true)).as(where).isFalse();
        assertThat(body.path("error").asString()).as(where).isNotBlank();
    }

    private HttpResponse<String> authed(String method, String path, String contentType, String body) throws Exception {
        return raw(method, path, contentType, "Bearer " + TOKEN, body);
    }

    private HttpResponse<String> raw(String method, String path, String contentType, String authorization,
                                     String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Records on every partition of {@code wa.commands} (its end offsets summed). */
    private long commandCount() throws Exception {
        try (Admin admin = clients.admin("test-count")) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(java.util.List.of(topics.commands())).allTopicNames().get().get(topics.commands())
                    .partitions().forEach(p -> ends.put(new TopicPartition(topics.commands(), p.partition()),
                            OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
