package com.wagateway.emulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the body of {@code GET /phones/{number}/messages}: what the phone received and the status of what it sent. */
final class PhoneMessages {

    private PhoneMessages() {
    }

    /** The received message with this text, or null. */
    static JsonNode withText(JsonNode body, String text) {
        for (JsonNode m : body.path("messages")) {
            if (text.equals(m.path("text").asString())) {
                return m;
            }
        }
        return null;
    }

    static boolean hasText(JsonNode body, String text) {
        return withText(body, text) != null;
    }

    /** Texts of the received messages, oldest first. */
    static List<String> texts(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            out.add(m.path("text").asString());
        }
        return out;
    }

    /** The status of a sent message, or null if the phone did not send it. */
    static String status(JsonNode body, String id) {
        for (JsonNode m : body.path("sent")) {
            if (id.equals(m.path("id").asString())) {
                return m.path("status").asString();
            }
        }
        return null;
    }
}
