package com.wagateway.whatsapp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's JSON reader is strict RFC 8259; the writer escapes like JSON.stringify. */
class JsonReaderTest {
    @Test
    void readsEveryKindOfValue() throws Exception {
        JsonValue v = JsonReader.parse(" {\"a\":[1,-2.5e3,true,false,null],\"b\":\"x\\u00e9\\n\\\"\"} ");
        assertThat(v).isEqualTo(new JsonValue.JsonObject(Map.of(
                "a", new JsonValue.JsonArray(List.of(new JsonValue.JsonNumber("1"), new JsonValue.JsonNumber("-2.5e3"),
                        new JsonValue.JsonBoolean(true), new JsonValue.JsonBoolean(false), new JsonValue.JsonNull())),
                "b", new JsonValue.JsonString("xé\n\""))));
    }

    @Test
    void refusesWhatIsNotStrictJson() {
        String[] bad = {"", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", ".5", "+1", "tru", "\"\\x\"",
            "\"a\nb\"", "{\"a\":1,\"a\":2}", "[1] [2]", "/* c */ 1", "\"\\u12\"", "NaN", "{\"a\" 1}"};
        for (String s : bad) {
            assertThatThrownBy(() -> JsonReader.parse(s)).as(s).isInstanceOf(JsonSyntaxException.class);
        }
    }

    @Test
    void writerEscapesLikeJsonStringify() {
        assertThat(JsonWriter.write(new JsonValue.JsonString("a\"\\\u0001\t\ud800x\ud83d\ude00")))
                .isEqualTo("\"a\\\"\\\\\\u0001\\t\\ud800x\ud83d\ude00\"");
    }

    @Test
    void nodeFormErrorsNameThePath() throws Exception {
        JsonValue v = JsonReader.parse("{\"tag\":\"x\",\"content\":[{\"tag\":\"y\",\"attrs\":{\"k\":[]}}]}");
        assertThatThrownBy(() -> NodeJson.fromJson(v)).isInstanceOf(NodeJsonException.class)
                .hasMessage("$.content[0].attrs.k: expected a string");
    }
}
