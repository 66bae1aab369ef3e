package com.wagateway.emulator.http;

import tools.jackson.databind.JsonNode;

/** A request the admin API answers with 400 and this message. */
final class BadRequest extends Exception {

    BadRequest(String message) {
        super(message);
    }

    /** A string field of a JSON body, null when absent or null; any other kind is a bad request. */
    static String text(JsonNode body, String field) throws BadRequest {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new BadRequest(field + " must be a string");
        }
        return value.asString();
    }
}
