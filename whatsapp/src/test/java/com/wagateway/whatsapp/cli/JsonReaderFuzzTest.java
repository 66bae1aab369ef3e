package com.wagateway.whatsapp.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the CLI's JSON reader and node mapping: any text parses or throws
 * JsonSyntaxException / NodeJsonException, and whatever parses writes back to JSON that
 * parses to the same value.
 */
class JsonReaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) throws Exception {
        String text = data.consumeRemainingAsString();
        JsonValue value;
        try {
            value = JsonReader.parse(text);
        } catch (JsonSyntaxException expected) {
            return;
        }
        if (!JsonReader.parse(JsonWriter.write(value)).equals(value)) {
            throw new AssertionError("JSON did not survive a write/read: " + text);
        }
        try {
            NodeJson.fromJson(value);
        } catch (NodeJsonException expected) {
            // valid JSON that is not a node
        }
    }
}
