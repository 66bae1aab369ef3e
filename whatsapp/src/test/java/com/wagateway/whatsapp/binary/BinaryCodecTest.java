package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked encodings from the fact sheet and the codec's documented choices. */
class BinaryCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private final BinaryEncoder encoder = new BinaryEncoder();
    private final BinaryDecoder decoder = new BinaryDecoder();

    @Test
    void workedExample() throws Exception {
        // §5.8
        Node iq = Node.of("iq", Attributes.of("id", "1", "to", "@s.whatsapp.net", "type", "get", "xmlns", "w:p"),
                List.of(Node.of("ping")));
        byte[] frame = encoder.encodeFrame(iq);
        assertThat(HEX.formatHex(frame)).isEqualTo("00f80a19085511fa000304291657f801f80156");
        assertThat(HEX.formatHex(encoder.encodeNode(iq))).isEqualTo("f80a19085511fa000304291657f801f80156");
        assertThat(decoder.decodeFrame(frame)).isEqualTo(iq);
    }

    @Test
    void jidEncodingsFromTheFactSheet() {
        // §5.7 "Verified 7.x encodings (attribute value only)"
        assertThat(attrValueHex("123456789012345@lid")).isEqualTo("faff88123456789012345f76");
        assertThat(attrValueHex("123456789012345:3@lid")).isEqualTo("f70103ff88123456789012345f");
        assertThat(attrValueHex("15551234567:99@hosted")).isEqualTo("f78063ff8615551234567f");
        assertThat(attrValueHex("15551234567:0@s.whatsapp.net")).isEqualTo("f70000ff8615551234567f");
        assertThat(attrValueHex("")).isEqualTo("fc00");
    }

    /** Hex of just the attribute value in {@code <iq to=value/>}: the frame minus 00 f8 03 19 11. */
    private String attrValueHex(String value) {
        String hex = HEX.formatHex(encoder.encodeFrame(Node.of("iq", Attributes.of("to", value))));
        assertThat(hex).startsWith("00f8031911");
        return hex.substring(10);
    }

    @Test
    void numericLookingKeysComeFirstInNumericOrder() throws Exception {
        Attributes attrs = Attributes.of("b", "1", "10", "x", "2", "y", "a", "2", "007", "z", "4294967295", "w");
        assertThat(List.copyOf(attrs.asMap().keySet())).containsExactly("2", "10", "b", "a", "007", "4294967295");
        Attributes replaced = Attributes.builder().put("a", "1").put("b", "2").put("a", "3").build();
        assertThat(replaced.asMap()).containsExactly(java.util.Map.entry("a", "3"), java.util.Map.entry("b", "2"));
        // decode applies the same rule: <enc b=… 21=… 5=…> reads back as 5, 21, b (binary-decode.json)
        Node n = decoder.decodeFrame(HEX.parseHex("00f8071dfc016203ff01211cff815f03"));
        assertThat(List.copyOf(n.attrs().asMap().keySet())).containsExactly("5", "21", "b");
    }

    @Test
    void prototypeNamesAreWrittenAsText() throws Exception {
        // Baileys writes a stray 0x00 for these (TOKEN_MAP is a plain object); we write the text.
        for (String name : new String[] {"constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"}) {
            Node n = Node.of("x", Attributes.of(name, name));
            assertThat(decoder.decodeFrame(encoder.encodeFrame(n))).isEqualTo(n);
        }
    }

    @Test
    void stringContentThatIsNotPackedComesBackAsBytes() throws Exception {
        Node text = Node.of("body", Attributes.empty(), "hello");
        assertThat(decoder.decodeFrame(encoder.encodeFrame(text)).content())
                .isEqualTo(NodeContent.bytes("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Node digits = Node.of("body", Attributes.empty(), "0123");
        assertThat(decoder.decodeFrame(encoder.encodeFrame(digits))).isEqualTo(digits);
        // lone surrogates encode as U+FFFD like Node's Buffer.from(str, 'utf-8')
        assertThat(HEX.formatHex(encoder.encodeNode(Node.of("x", Attributes.empty(), "\ud800"))))
                .endsWith("fc03efbfbd");
    }

    @Test
    void encoderRefusesWhatTheFormatCannotHold() {
        Node wide = Node.of("list", Attributes.empty(), java.util.Collections.nCopies(65536, Node.of("i")));
        assertThatThrownBy(() -> encoder.encodeFrame(wide)).isInstanceOf(BinaryEncodeException.class)
                .hasMessageContaining("65536").hasMessageContaining("<list>");
        Node deep = Node.of("leaf");
        for (int i = 0; i < 64; i++) {
            deep = Node.of("n", Attributes.empty(), List.of(deep));
        }
        Node tooDeep = deep;
        assertThatThrownBy(() -> encoder.encodeFrame(tooDeep)).isInstanceOf(BinaryEncodeException.class);
        assertThat(new BinaryEncoder(TokenDictionary.v3(), new CodecLimits(65, 1)).encodeFrame(tooDeep)).isNotEmpty();
    }

    @Test
    void nodeModelRules() {
        assertThatThrownBy(() -> Node.of("")).isInstanceOf(IllegalArgumentException.class);
        byte[] data = {1, 2, 3};
        NodeContent.Bytes bytes = NodeContent.bytes(data);
        data[0] = 9;
        assertThat(bytes.data()[0]).isEqualTo((byte) 1);
        assertThat(bytes.view().isReadOnly()).isTrue();
        Node n = Node.of("iq", Attributes.of("id", "1"), List.of(Node.of("ping"), Node.of("pong")));
        assertThat(n.attr("id")).isEqualTo("1");
        assertThat(n.child("pong")).isEqualTo(Node.of("pong"));
        assertThat(n.child("nope")).isNull();
    }
}
