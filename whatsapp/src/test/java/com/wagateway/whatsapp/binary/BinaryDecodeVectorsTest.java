package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * binary-decode.json: hand-made frames Baileys never writes but reads — FB and interop JIDs,
 * the v2 empty-string token, unknown AD_JID domains, invalid UTF-8, NUL from a nibble pad,
 * zlib frames with trailing bytes — decode to what Baileys' decodeBinaryNode returned, and
 * every frame Baileys rejects we reject with BinaryDecodeException.
 */
class BinaryDecodeVectorsTest {
    private final BinaryDecoder decoder = new BinaryDecoder();

    @TestFactory
    Stream<DynamicTest> decoderAgreesWithBaileys() {
        return BinaryVectorFiles.vectors("binary-decode.json").stream()
                .map(v -> DynamicTest.dynamicTest(v.get("name").stringValue(), () -> {
                    byte[] frame = HexFormat.of().parseHex(v.get("frame").stringValue());
                    if (v.has("decodeError")) {
                        assertThatThrownBy(() -> decoder.decodeFrame(frame))
                                .isInstanceOf(BinaryDecodeException.class);
                    } else {
                        assertThat(decoder.decodeFrame(frame)).isEqualTo(BinaryVectorFiles.node(v.get("decoded")));
                    }
                }));
    }
}
