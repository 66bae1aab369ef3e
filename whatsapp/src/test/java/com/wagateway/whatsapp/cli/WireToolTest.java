package com.wagateway.whatsapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CLI through its {@code run} seam: outputs, one-line errors and exit codes. */
class WireToolTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();
    private static final String WORKED_HEX = "00f80a19085511fa000304291657f801f80156";
    private static final String WORKED_JSON =
            "{\"tag\":\"iq\",\"attrs\":{\"id\":\"1\",\"to\":\"@s.whatsapp.net\",\"type\":\"get\",\"xmlns\":\"w:p\"},"
                    + "\"content\":[{\"tag\":\"ping\",\"attrs\":{}}]}";

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WireTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheWorkedExample() {
        assertThat(run("decode-node", WORKED_HEX)).isEqualTo(new Result(0, WORKED_JSON + "\n", ""));
    }

    @Test
    void encodesTheWorkedExample() {
        assertThat(run("encode-node", WORKED_JSON)).isEqualTo(new Result(0, WORKED_HEX + "\n", ""));
    }

    @Test
    void bytesAndTextContent() {
        Result r = run("encode-node", "{\"tag\":\"enc\",\"attrs\":{\"v\":\"2\"},\"content\":{\"bytes\":\"AAEC\"}}");
        // LIST_8 4, enc(0x1d), v(0x51) "2"(0x45), BINARY_8 3 bytes
        assertThat(r.out()).isEqualTo("00f8041d5145fc03000102\n");
        assertThat(run("decode-node", r.out().strip()).out())
                .isEqualTo("{\"tag\":\"enc\",\"attrs\":{\"v\":\"2\"},\"content\":{\"bytes\":\"AAEC\"}}\n");
        assertThat(run("decode-node", run("encode-node", "{\"tag\":\"x\",\"content\":\"123\"}").out().strip()).out())
                .isEqualTo("{\"tag\":\"x\",\"attrs\":{},\"content\":\"123\"}\n");
    }

    @Test
    void badInputIsOneLineOnStderrAndExitOne() {
        String[][] cases = {
            {"decode-node", "zz"}, {"decode-node", "00f8"}, {"decode-node", ""}, {"decode-node", "02789c00"},
            {"encode-node", "{"}, {"encode-node", "{\"tag\":\"x\",}"}, {"encode-node", "[]"},
            {"encode-node", "{\"tag\":\"\"}"}, {"encode-node", "{\"tag\":\"x\",\"attrs\":{\"a\":1}}"},
            {"encode-node", "{\"tag\":\"x\",\"content\":{\"bytes\":\"%%\"}}"},
            {"encode-node", "{\"tag\":\"x\",\"tag\":\"y\"}"}, {"encode-node", "{\"tag\":\"x\",\"extra\":true}"},
            {"encode-node", "[".repeat(100_000)},
        };
        for (String[] args : cases) {
            Result r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("error: ").endsWith("\n");
            assertThat(r.err().strip()).doesNotContain("\n");
        }
    }

    @Test
    void badCommandLineExitsTwo() {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("frobnicate", "x").exit()).isEqualTo(2);
        assertThat(run("decode-node").exit()).isEqualTo(2);
        assertThat(run("--help").exit()).isZero();
    }

    /** Jackson is the oracle for our JSON reader and writer over every stored vector. */
    @TestFactory
    Stream<DynamicTest> agreesWithBaileysVectorsThroughJson() throws Exception {
        List<JsonNode> vectors;
        try (InputStream in = getClass().getResourceAsStream("/vectors/binary-nodes.json")) {
            vectors = new ArrayList<>(JACKSON.readTree(in).get("vectors").values());
        }
        return vectors.stream()
                .filter(v -> v.has("frame") && !v.get("node").toString().contains("bytesFill"))
                .map(v -> DynamicTest.dynamicTest(v.get("name").stringValue(), () -> {
                    Result enc = run("encode-node", JACKSON.writeValueAsString(v.get("node")));
                    assertThat(enc.out().strip()).isEqualTo(v.get("frame").stringValue());
                    Result dec = run("decode-node", v.get("frame").stringValue());
                    if (v.has("decodeError")) {
                        assertThat(dec.exit()).isEqualTo(1);
                        return;
                    }
                    JsonNode ours = JACKSON.readTree(dec.out());
                    assertThat(ours).isEqualTo(v.get("decoded"));
                    assertThat(List.copyOf(ours.get("attrs").propertyNames()))
                            .isEqualTo(List.copyOf(v.get("decoded").get("attrs").propertyNames()));
                }));
    }
}
