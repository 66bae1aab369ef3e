package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API over real HTTP, as tests and tools use it. */
final class AdminClient {

    record Reply(int status, JsonNode body) {
        String error() {
            return body.path("error").asString();
        }
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    AdminClient(URI base) {
        this.base = base;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("content-type", "application/json"));
    }

    Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    Reply createPhone(String number) {
        return post("phones", "{\"phoneNumber\":\"" + number + "\"}");
    }

    Reply link(String number, String qr) {
        return post("phones/" + number + "/link", MAPPER.writeValueAsString(java.util.Map.of("qr", qr)));
    }

    Reply linkCode(String number, String code) {
        return post("phones/" + number + "/link-code", "{\"code\":\"" + code + "\"}");
    }

    Reply unlink(String number, String deviceJid) {
        return delete("phones/" + number + "/devices/" + URLEncoder.encode(deviceJid, StandardCharsets.UTF_8));
    }

    /** Arms the tamper fault: the phone's next ciphertext to {@code deviceJid} has a flipped byte. */
    Reply tamper(String phone, String deviceJid) {
        return post("faults", "{\"tamper\":{\"phone\":\"" + phone + "\",\"deviceJid\":\"" + deviceJid + "\"}}");
    }

    /** A phone sends {@code text} to {@code to} (a phone number, user, LID or group jid); returns the message id. */
    String sendText(String from, String to, String text) {
        Reply reply = post("phones/" + from + "/messages", "{\"to\":\"" + to + "\",\"text\":\"" + text + "\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.body().path("id").asString();
    }

    /** Polls a phone's messages (received and sent, see {@link PhoneMessages}) until {@code until} holds. */
    JsonNode awaitMessages(String phone, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            body = get("phones/" + phone + "/messages").body();
            if (until.test(body)) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not reached: " + body);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
