package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The default limits and the element budget: each limit fails with its own
 * {@link BinaryDecodeException.Kind}, exactly one element past it.
 */
class CodecLimitsTest {

    @Test
    void defaultsAreTwoMebibytesInflatedAndABoundedElementCount() {
        assertThat(CodecLimits.DEFAULT.maxDecompressedBytes()).isEqualTo(2 << 20);
        assertThat(CodecLimits.DEFAULT.maxElements()).isEqualTo(262_144);
        assertThat(CodecLimits.DEFAULT.maxDepth()).isEqualTo(64);
        assertThat(new CodecLimits(10, 20)).isEqualTo(new CodecLimits(10, 20, CodecLimits.DEFAULT_MAX_ELEMENTS));
        assertThatThrownBy(() -> CodecLimits.DEFAULT.withMaxElements(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultInflateCapRefusesThreeMebibytesAndNamesTheLimit() throws Exception {
        byte[] node = new BinaryEncoder().encodeNode(Node.of("enc", Attributes.empty(), new byte[3 << 20]));
        byte[] frame = compressed(node);
        assertThatThrownBy(() -> new BinaryDecoder().decodeFrame(frame))
                .isInstanceOfSatisfying(BinaryDecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(BinaryDecodeException.Kind.INFLATE_LIMIT))
                .hasMessageContaining("exceeds limit of 2097152 bytes");
        // uncompressed, the same node is fine: the cap is on inflation only
        assertThat(new BinaryDecoder().decodeNode(node).tag()).isEqualTo("enc");
        // and a 1 MiB compressed node (what Baileys' vectors hold at most) passes the default
        byte[] mib = new BinaryEncoder().encodeNode(Node.of("enc", Attributes.empty(), new byte[1 << 20]));
        assertThat(new BinaryDecoder().decodeFrame(compressed(mib)).tag()).isEqualTo("enc");
    }

    @Test
    void elementBudgetCountsNodesAndAttributes() throws Exception {
        // root + 9 children with one attribute each + 2 root attributes = 1 + 2 + 9 * 2 = 21 elements
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            children.add(Node.of("item", Attributes.of("id", Integer.toString(i))));
        }
        Node node = Node.of("list", Attributes.of("a", "1", "b", "2"), children);
        byte[] frame = new BinaryEncoder().encodeFrame(node);
        assertThat(new BinaryDecoder(CodecLimits.DEFAULT.withMaxElements(21)).decodeFrame(frame)).isEqualTo(node);
        assertThatThrownBy(() -> new BinaryDecoder(CodecLimits.DEFAULT.withMaxElements(20)).decodeFrame(frame))
                .isInstanceOfSatisfying(BinaryDecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(BinaryDecodeException.Kind.ELEMENT_LIMIT))
                .hasMessageContaining("more than 20 nodes and attributes");
    }

    @Test
    void manyTinyNodesStopAtTheDefaultBudget() throws Exception {
        // 65535 children of 65535 … would be 4 G nodes; 5 lists of 65535 empty children is 327,676
        // nodes in ~1 MiB of wire bytes: over the default budget, refused without building them all.
        List<Node> leaves = Collections.nCopies(65_535, Node.of("i"));
        List<Node> lists = Collections.nCopies(5, Node.of("l", Attributes.empty(), leaves));
        byte[] frame = new BinaryEncoder().encodeFrame(Node.of("r", Attributes.empty(), lists));
        assertThatThrownBy(() -> new BinaryDecoder().decodeFrame(frame))
                .isInstanceOfSatisfying(BinaryDecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(BinaryDecodeException.Kind.ELEMENT_LIMIT));
        assertThat(new BinaryDecoder(CodecLimits.DEFAULT.withMaxElements(400_000)).decodeFrame(frame).tag())
                .isEqualTo("r");
    }

    @Test
    void depthAndMalformedInputHaveTheirOwnKinds() {
        Node deep = Node.of("leaf");
        for (int i = 0; i < 64; i++) {
            deep = Node.of("n", Attributes.empty(), List.of(deep));
        }
        byte[] tooDeep = new BinaryEncoder(TokenDictionary.v3(), CodecLimits.DEFAULT.withMaxDepth(100)).encodeFrame(deep);
        assertThatThrownBy(() -> new BinaryDecoder().decodeFrame(tooDeep))
                .isInstanceOfSatisfying(BinaryDecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(BinaryDecodeException.Kind.DEPTH_LIMIT));
        assertThatThrownBy(() -> new BinaryDecoder().decodeFrame(new byte[] {0, (byte) 0xF8}))
                .isInstanceOfSatisfying(BinaryDecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(BinaryDecodeException.Kind.MALFORMED));
    }

    private static byte[] compressed(byte[] node) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(2);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(node);
        }
        return out.toByteArray();
    }
}
