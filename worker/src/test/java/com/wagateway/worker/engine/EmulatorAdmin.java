package com.wagateway.worker.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The emulator's admin HTTP API (docs/emulator.md), exactly as a tool or a person with curl uses it. */
public final class EmulatorAdmin {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Answer(int status, JsonNode body) {
        public String text(String field) {
            JsonNode n = body.path(field);
            return n.isMissingNode() || n.isNull() ? null : n.asString();
        }
    }

    private final URI base;

    public EmulatorAdmin(URI base) {
        this.base = base;
    }

    public Answer createPhone(String number) {
        return call("POST", "phones", "{\"phoneNumber\":\"" + number + "\"}");
    }

    public Answer phone(String number) {
        return call("GET", "phones/" + number, null);
    }

    /** The phone scans the QR; 200 with {@code deviceJid}. */
    public Answer linkQr(String number, String qr) {
        return call("POST", "phones/" + number + "/link", "{\"qr\":\"" + qr + "\"}");
    }

    /** The phone's user types the pairing code. */
    public Answer linkCode(String number, String code) {
        return call("POST", "phones/" + number + "/link-code", "{\"code\":\"" + code + "\"}");
    }

    public Answer unlink(String number, String deviceJid) {
        return call("DELETE", "phones/" + number + "/devices/" + deviceJid, null);
    }

    /** Run-time settings, e.g. {@code {"minClientVersion":"2.3000.1043857761"}}. */
    public Answer settings(String json) {
        return call("PUT", "settings", json);
    }

    /** The phone sends a text ({@code to}: digits, a user JID or a group JID); 200 with the message {@code id}. */
    public Answer phoneSends(String number, String to, String text) {
        return call("POST", "phones/" + number + "/messages", JSON.createObjectNode().put("to", to).put("text", text)
                .toString());
    }

    /**
     * The phone sends a media message ({@code type} image, video, audio or document) with these bytes; 200 with the
     * message {@code id}. Null {@code mimetype}, {@code fileName}, {@code caption} are left out.
     */
    public Answer phoneSendsMedia(String number, String to, String type, byte[] bytes, String mimetype,
                                  String fileName, String caption, boolean ptt) {
        var body = JSON.createObjectNode().put("to", to).put("type", type)
                .put("base64", java.util.Base64.getEncoder().encodeToString(bytes));
        if (mimetype != null) {
            body.put("mimetype", mimetype);
        }
        if (fileName != null) {
            body.put("fileName", fileName);
        }
        if (caption != null) {
            body.put("caption", caption);
        }
        if (ptt) {
            body.put("ptt", true);
        }
        return call("POST", "phones/" + number + "/messages", body.toString());
    }

    /** What the phone received, decrypted ({@code messages}), what it sent ({@code sent}), {@code undecryptable}. */
    public Answer phoneMessages(String number) {
        return call("GET", "phones/" + number + "/messages", null);
    }

    /** The phone reads these messages (sends read receipts). */
    public Answer read(String number, String... messageIds) {
        var body = JSON.createObjectNode();
        var ids = body.putArray("messageIds");
        for (String id : messageIds) {
            ids.add(id);
        }
        return call("POST", "phones/" + number + "/read", body.toString());
    }

    /** The phone goes offline: stanzas for it are held by the server until {@link #online}. */
    public Answer offline(String number) {
        return call("POST", "phones/" + number + "/offline", null);
    }

    /** The phone comes back and is handed what was held, in order ({@code delivered}: how many). */
    public Answer online(String number) {
        return call("POST", "phones/" + number + "/online", null);
    }

    /** A group of these phone numbers; 201 with its {@code jid}. */
    public Answer createGroup(String subject, String... numbers) {
        var body = JSON.createObjectNode().put("subject", subject);
        var participants = body.putArray("participants");
        for (String n : numbers) {
            participants.add(n);
        }
        return call("POST", "groups", body.toString());
    }

    public Answer faults(String json) {
        return call("POST", "faults", json);
    }

    private Answer call(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), json);
        } catch (Exception e) {
            throw new IllegalStateException("emulator admin call failed: " + method + " " + path + ": " + e, e);
        }
    }
}
