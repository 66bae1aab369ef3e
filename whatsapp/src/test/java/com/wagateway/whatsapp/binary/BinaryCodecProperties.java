package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Round trips of random nodes. The model of what comes back is the fact sheet's (§5.6): every
 * attribute value comes back as written (values here avoid Baileys' lossy JID forms), string
 * content comes back as text when it is a token, packed or a JID and as its UTF-8 bytes
 * otherwise, and attributes follow JS key order.
 */
class BinaryCodecProperties {
    private static final TokenDictionary TOKENS = TokenDictionary.v3();
    private final BinaryEncoder encoder = new BinaryEncoder();
    private final BinaryDecoder decoder = new BinaryDecoder();

    @Property(tries = 400)
    void encodeThenDecodeGivesTheModelNode(@ForAll("nodes") Node node) throws Exception {
        byte[] frame = encoder.encodeFrame(node);
        Node decoded = decoder.decodeFrame(frame);
        assertThat(decoded).isEqualTo(expectedAfterRoundTrip(node));
        // and the decoded node writes the very same bytes
        assertThat(encoder.encodeFrame(decoded)).isEqualTo(frame);
    }

    @Property(tries = 500)
    void anyStringEncodesAndWithoutAtSignComesBackAsWritten(@ForAll String value) throws Exception {
        Node node = Node.of("x", Attributes.of("v", value));
        byte[] frame = encoder.encodeFrame(node); // never throws, whatever the string
        if (value.indexOf('@') < 0 && wellFormedUtf16(value)) {
            assertThat(decoder.decodeFrame(frame)).isEqualTo(node);
        }
    }

    @Property(tries = 300)
    void decodingArbitraryBytesReturnsOrThrowsTheOneException(@ForAll byte[] junk) {
        try {
            decoder.decodeFrame(junk);
        } catch (BinaryDecodeException expected) {
            assertThat(expected.offset()).isGreaterThanOrEqualTo(0);
        }
    }

    @Property(tries = 300)
    void decodingMutatedFramesReturnsOrThrowsTheOneException(@ForAll("nodes") Node node,
            @ForAll int position, @ForAll byte value, @ForAll boolean truncate) {
        byte[] frame = encoder.encodeFrame(node);
        int at = Math.floorMod(position, frame.length);
        byte[] mutated = truncate ? java.util.Arrays.copyOf(frame, at) : frame.clone();
        if (!truncate) {
            mutated[at] = value;
        }
        try {
            decoder.decodeFrame(mutated);
        } catch (BinaryDecodeException expected) {
            // the only allowed failure
        }
    }

    @Property(tries = 200)
    void attributesFollowJsKeyOrder(@ForAll("keys") List<String> keys) {
        Attributes.Builder b = Attributes.builder();
        for (String k : keys) {
            b.put(k, "v");
        }
        List<String> actual = List.copyOf(b.build().asMap().keySet());
        List<String> distinct = keys.stream().distinct().toList();
        List<String> indices = distinct.stream().filter(Attributes::isArrayIndex)
                .sorted(java.util.Comparator.comparingLong(Long::parseLong)).toList();
        List<String> expected = new ArrayList<>(indices);
        distinct.stream().filter(k -> !Attributes.isArrayIndex(k)).forEach(expected::add);
        assertThat(actual).isEqualTo(expected);
    }

    static Node expectedAfterRoundTrip(Node node) {
        NodeContent content = switch (node.content()) {
            case NodeContent.Text t when !comesBackAsText(t.text()) ->
                NodeContent.bytes(t.text().getBytes(StandardCharsets.UTF_8));
            case NodeContent.Children c -> NodeContent.children(
                    c.nodes().stream().map(BinaryCodecProperties::expectedAfterRoundTrip).toList());
            default -> node.content();
        };
        return new Node(node.tag(), node.attrs(), content);
    }

    private static boolean comesBackAsText(String s) {
        return !s.isEmpty() && (TOKENS.code(s) >= 0 || PackedString.isNibble(s) || PackedString.isHex(s)
                || s.indexOf('@') >= 0);
    }

    @Provide
    Arbitrary<List<String>> keys() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 40).map(String::valueOf),
                Arbitraries.of("007", "-1", "4294967294", "4294967295", "1.5", "id", "to", "type"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4)).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Node> nodes() {
        return node(3);
    }

    private Arbitrary<Node> node(int depth) {
        Arbitrary<NodeContent> content = depth == 0
                ? Arbitraries.oneOf(none(), bytes(), text())
                : Arbitraries.oneOf(none(), bytes(), text(),
                        node(depth - 1).list().ofMaxSize(4).map(NodeContent::children));
        return Combinators.combine(tag(), attrs(), content).as(Node::new);
    }

    private static Arbitrary<NodeContent> none() {
        return Arbitraries.just(NodeContent.NONE);
    }

    private static Arbitrary<NodeContent> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600).map(NodeContent::bytes);
    }

    private static Arbitrary<NodeContent> text() {
        // string content: any value, including ones that come back as bytes
        return Arbitraries.oneOf(value(), Arbitraries.strings().ofMaxLength(40)).map(NodeContent::text);
    }

    private static Arbitrary<String> tag() {
        return Arbitraries.oneOf(token(), Arbitraries.strings().alpha().numeric().withChars("-:_.")
                .ofMinLength(1).ofMaxLength(12));
    }

    private static Arbitrary<Attributes> attrs() {
        return Combinators.combine(key(), value()).as(Tuple::of).list().ofMaxSize(6).map(pairs -> {
            Attributes.Builder b = Attributes.builder();
            pairs.forEach(p -> b.put(p.get1(), p.get2()));
            return b.build();
        });
    }

    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(token(), Arbitraries.integers().between(0, 30).map(String::valueOf),
                Arbitraries.strings().alpha().withChars("-_").ofMinLength(1).ofMaxLength(10));
    }

    /** Attribute values that come back unchanged: no '@' unless it is a lossless JID. */
    static Arbitrary<String> value() {
        return Arbitraries.oneOf(
                token(),
                Arbitraries.strings().withChars("0123456789-.").ofMinLength(1).ofMaxLength(140),
                Arbitraries.strings().withChars("0123456789ABCDEF").ofMinLength(1).ofMaxLength(140),
                Arbitraries.strings().withChars("0123456789abcdefXYZ ").ofMaxLength(300),
                Arbitraries.strings().ofMaxLength(30).filter(s -> s.indexOf('@') < 0 && wellFormedUtf16(s)),
                losslessJid());
    }

    /** user@server, or user:device@server on the four AD_JID servers (device 1–255). */
    static Arbitrary<String> losslessJid() {
        Arbitrary<String> user = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMaxLength(18),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> pair = Combinators.combine(user, Arbitraries.of("s.whatsapp.net", "g.us", "lid",
                "broadcast", "newsletter", "hosted", "c.us", "call", "bot", "example.org"))
                .as((u, s) -> u + "@" + s);
        Arbitrary<String> ad = Combinators.combine(user, Arbitraries.integers().between(1, 255),
                Arbitraries.of("s.whatsapp.net", "lid", "hosted", "hosted.lid"))
                .as((u, d, s) -> u + ":" + d + "@" + s);
        return Arbitraries.oneOf(pair, ad);
    }

    private static Arbitrary<String> token() {
        return Arbitraries.integers().between(0, 4 * 256 + 234).map(i -> i < 235
                ? TOKENS.single(i + 1) : TOKENS.doubleByte((i - 235) / 256, (i - 235) % 256));
    }

    private static boolean wellFormedUtf16(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }
}
