package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * binary-nodes.json: for every node Baileys 7.0.0-rc14 encoded, our encoder writes the same
 * bytes, and our decoder reads those bytes (and, where present, the zlib-compressed frame)
 * back to the node Baileys' decodeBinaryNode returned — or fails where Baileys fails.
 */
class BinaryNodeVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<JsonNode> VECTORS = BinaryVectorFiles.vectors("binary-nodes.json");
    private final BinaryEncoder encoder = new BinaryEncoder();
    private final BinaryDecoder decoder = new BinaryDecoder();

    @Test
    void fileHoldsEnoughVectorsOfEveryShape() {
        assertThat(VECTORS).hasSizeGreaterThanOrEqualTo(500);
        assertThat(VECTORS).filteredOn(v -> v.has("compressedFrame")).hasSizeGreaterThan(100);
        assertThat(VECTORS).filteredOn(v -> v.has("frameSha256")).isNotEmpty();
        assertThat(VECTORS).filteredOn(v -> v.has("decodeError")).isNotEmpty();
        assertThat(VECTORS).filteredOn(v -> v.has("rootInsertionOrder")).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> encoderWritesBaileysBytes() {
        return VECTORS.stream().map(v -> DynamicTest.dynamicTest(v.get("name").stringValue(), () -> {
            byte[] ours = encoder.encodeFrame(BinaryVectorFiles.node(v.get("node")));
            assertFrame(v, ours);
            if (v.has("rootInsertionOrder")) {
                Node reordered = BinaryVectorFiles.nodeInInsertionOrder(v.get("node"), v.get("rootInsertionOrder"));
                assertFrame(v, encoder.encodeFrame(reordered));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> decoderReadsBaileysBytes() {
        return VECTORS.stream().map(v -> DynamicTest.dynamicTest(v.get("name").stringValue(), () -> {
            // Large frames are stored as a hash; the encoder test proves our bytes equal them.
            byte[] frame = v.has("frame") ? HEX.parseHex(v.get("frame").stringValue())
                    : encoder.encodeFrame(BinaryVectorFiles.node(v.get("node")));
            if (v.has("decodeError")) {
                assertThatThrownBy(() -> decoder.decodeFrame(frame)).isInstanceOf(BinaryDecodeException.class);
                return;
            }
            Node expected = BinaryVectorFiles.node(v.get("decoded"));
            assertThat(decoder.decodeFrame(frame)).isEqualTo(expected);
            if (v.has("compressedFrame")) {
                assertThat(decoder.decodeFrame(HEX.parseHex(v.get("compressedFrame").stringValue())))
                        .isEqualTo(expected);
            }
        }));
    }

    private static void assertFrame(JsonNode v, byte[] ours) throws Exception {
        if (v.has("frame")) {
            assertThat(HEX.formatHex(ours)).isEqualTo(v.get("frame").stringValue());
        } else {
            assertThat(ours.length).isEqualTo(v.get("frameLength").asInt());
            assertThat(HEX.formatHex(ours, 0, 32)).isEqualTo(v.get("frameHead").stringValue());
            assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(ours)))
                    .isEqualTo(v.get("frameSha256").stringValue());
        }
    }
}
