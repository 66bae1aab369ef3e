package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Round trips of random nodes. The model of what comes back is the fact sheet's (§5.6): every
 * attribute value comes back as written (values here avoid Baileys' lossy JID forms), string
 * content comes back as text when it is a token, packed or a JID and as its UTF-8 bytes
 * otherwise, and attributes follow JS key order.
 *
 * <p>QuickTheories runs each property with a fixed seed, so CI sees the same cases every run; a
 * failure reports the seed and the smallest falsifying value it shrank to.
 */
class BinaryCodecProperties {
    private static final long SEED = 0x5eed_b1dL;
    private static final TokenDictionary TOKENS = TokenDictionary.v3();
    private static final String DIGITS = "0123456789";
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final BinaryEncoder encoder = new BinaryEncoder();
    private final BinaryDecoder decoder = new BinaryDecoder();

    @Test
    void encodeThenDecodeGivesTheModelNode() {
        qt().withExamples(400).withFixedSeed(SEED).forAll(nodes()).checkAssert(node -> {
            byte[] frame = encoder.encodeFrame(node);
            Node decoded = decodeWellFormed(frame);
            assertThat(decoded).isEqualTo(expectedAfterRoundTrip(node));
            // and the decoded node writes the very same bytes
            assertThat(encoder.encodeFrame(decoded)).isEqualTo(frame);
        });
    }

    @Test
    void anyStringEncodesAndWithoutAtSignComesBackAsWritten() {
        qt().withExamples(500).withFixedSeed(SEED + 1).forAll(anyString(255)).checkAssert(value -> {
            Node node = Node.of("x", Attributes.of("v", value));
            byte[] frame = encoder.encodeFrame(node); // never throws, whatever the string
            if (value.indexOf('@') < 0 && wellFormedUtf16(value)) {
                assertThat(decodeWellFormed(frame)).isEqualTo(node);
            }
        });
    }

    @Test
    void decodingArbitraryBytesReturnsOrThrowsTheOneException() {
        qt().withExamples(300).withFixedSeed(SEED + 2).forAll(junk()).checkAssert(junk -> {
            try {
                decoder.decodeFrame(junk);
            } catch (BinaryDecodeException expected) {
                assertThat(expected.offset()).isGreaterThanOrEqualTo(0);
            }
            // any other exception escapes and falsifies the property
        });
    }

    @Test
    void decodingMutatedFramesReturnsOrThrowsTheOneException() {
        Gen<Byte> anyByte = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
        qt().withExamples(300).withFixedSeed(SEED + 3)
                .forAll(nodes(), integers().all(), anyByte, booleans().all())
                .checkAssert((node, position, value, truncate) -> {
                    byte[] frame = encoder.encodeFrame(node);
                    int at = Math.floorMod(position, frame.length);
                    byte[] mutated = truncate ? Arrays.copyOf(frame, at) : frame.clone();
                    if (!truncate) {
                        mutated[at] = value;
                    }
                    try {
                        decoder.decodeFrame(mutated);
                    } catch (BinaryDecodeException expected) {
                        // the only allowed failure; any other exception falsifies the property
                    }
                });
    }

    @Test
    void attributesFollowJsKeyOrder() {
        qt().withExamples(200).withFixedSeed(SEED + 4).forAll(keys()).checkAssert(keys -> {
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
        });
    }

    private Node decodeWellFormed(byte[] frame) {
        try {
            return decoder.decodeFrame(frame);
        } catch (BinaryDecodeException e) {
            throw new AssertionError("a frame the encoder wrote must decode", e);
        }
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

    // ---- generators ----

    /** Up to 12 keys: small array indices, the index/non-index borderline cases, short names. */
    static Gen<List<String>> keys() {
        Gen<String> key = Generate.oneOf(integers().between(0, 40).map(i -> Integer.toString(i)),
                Generate.pick(List.of("007", "-1", "4294967294", "4294967295", "1.5", "id", "to", "type")),
                chars(ALPHA, 1, 4));
        return lists().of(key).ofSizeBetween(0, 12);
    }

    /** Random bytes, short ones more often (the decoder's header and tag paths). */
    static Gen<byte[]> junk() {
        return bytes(Generate.oneOf(integers().between(0, 8), integers().between(0, 255)));
    }

    /** Nodes nested up to three levels, with attributes and every kind of content. */
    static Gen<Node> nodes() {
        return node(3);
    }

    private static Gen<Node> node(int depth) {
        Gen<NodeContent> content = depth == 0
                ? Generate.oneOf(none(), bytes(), text())
                : Generate.oneOf(none(), bytes(), text(),
                        lists().of(node(depth - 1)).ofSizeBetween(0, 4).map(NodeContent::children));
        return tag().zip(attrs(), content, Node::new);
    }

    private static Gen<NodeContent> none() {
        return Generate.constant(NodeContent.NONE);
    }

    private static Gen<NodeContent> bytes() {
        return bytes(Generate.oneOf(integers().between(0, 16), integers().between(0, 600))).map(NodeContent::bytes);
    }

    private static Gen<NodeContent> text() {
        // string content: any value, including ones that come back as bytes
        return Generate.oneOf(value(), plainText(40)).map(NodeContent::text);
    }

    private static Gen<String> tag() {
        return Generate.oneOf(token(), chars(ALPHA + DIGITS + "-:_.", 1, 12));
    }

    private static Gen<Attributes> attrs() {
        return lists().of(key().zip(value(), Pair::of)).ofSizeBetween(0, 6).map(pairs -> {
            Attributes.Builder b = Attributes.builder();
            pairs.forEach(p -> b.put(p._1, p._2));
            return b.build();
        });
    }

    private static Gen<String> key() {
        return Generate.oneOf(token(), integers().between(0, 30).map(i -> Integer.toString(i)), chars(ALPHA + "-_", 1, 10));
    }

    /** Attribute values that come back unchanged: no '@' unless it is a lossless JID. */
    static Gen<String> value() {
        return Generate.oneOf(
                token(),
                chars(DIGITS + "-.", 1, 140),           // NIBBLE_8 up to 127 chars, then plain strings
                chars(DIGITS + "ABCDEF", 1, 140),       // HEX_8 likewise
                chars(DIGITS + "abcdefXYZ ", 0, 300),   // neither, and past the 8-bit length
                plainText(30),
                losslessJid());
    }

    /** user@server, or user:device@server on the four AD_JID servers (device 1–255). */
    static Gen<String> losslessJid() {
        Gen<String> user = Generate.oneOf(chars(DIGITS, 0, 18), chars(ALPHA, 1, 8));
        Gen<String> pair = user.zip(Generate.pick(List.of("s.whatsapp.net", "g.us", "lid",
                "broadcast", "newsletter", "hosted", "c.us", "call", "bot", "example.org")),
                (u, s) -> u + "@" + s);
        Gen<String> ad = user.zip(integers().between(1, 255),
                Generate.pick(List.of("s.whatsapp.net", "lid", "hosted", "hosted.lid")),
                (u, d, s) -> u + ":" + d + "@" + s);
        return Generate.oneOf(pair, ad);
    }

    private static Gen<String> token() {
        return integers().between(0, 4 * 256 + 234).map(i -> i < 235
                ? TOKENS.single(i + 1) : TOKENS.doubleByte((i - 235) / 256, (i - 235) % 256));
    }

    /**
     * Well-formed text without '@' (a string with '@' that is no lossless JID is one of Baileys'
     * lossy forms, e.g. {@code "a@"} or {@code "a_1@b"}, and comes back changed or not at all).
     */
    private static Gen<String> plainText(int maxLength) {
        return wellFormedString(maxLength).map(s -> s.replace("@", ""));
    }

    /**
     * Any string of at most {@code maxLength} chars: printable ASCII ('@' included), any code
     * point (controls, NUL, the BMP, supplementary pairs), or any UTF-16 units (lone surrogates).
     * Short strings are drawn as often as long ones.
     */
    static Gen<String> anyString(int maxLength) {
        Gen<String> anyUnits = codePoints(integers().between(0, 0xFFFF), maxLength);
        return Generate.oneOf(wellFormedString(maxLength), anyUnits);
    }

    /** Well-formed UTF-16 strings: printable ASCII, or any code point but the surrogates. */
    static Gen<String> wellFormedString(int maxLength) {
        Gen<Integer> anyCodePoint = Generate.oneOf(integers().between(0, 0xD7FF),
                integers().between(0xE000, Character.MAX_CODE_POINT));
        return Generate.oneOf(codePoints(integers().between(0x20, 0x7E), maxLength),
                codePoints(anyCodePoint, maxLength));
    }

    private static Gen<String> codePoints(Gen<Integer> codePoint, int maxLength) {
        Gen<Integer> sizes = Generate.oneOf(integers().between(0, Math.min(8, maxLength)),
                integers().between(0, maxLength));
        return lists().of(codePoint).ofSizes(sizes).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            if (sb.length() > maxLength) {
                // a supplementary pair is two chars: never cut one in half
                int end = Character.isHighSurrogate(sb.charAt(maxLength - 1))
                        && Character.isLowSurrogate(sb.charAt(maxLength)) ? maxLength - 1 : maxLength;
                sb.setLength(end);
            }
            return sb.toString();
        });
    }

    /** Strings of {@code alphabet}'s characters, {@code min}–{@code max} long. */
    private static Gen<String> chars(String alphabet, int min, int max) {
        Gen<Character> c = Generate.pick(alphabet.chars().mapToObj(ch -> (char) ch).toList());
        return lists().of(c).ofSizeBetween(min, max).map(cs -> {
            StringBuilder sb = new StringBuilder(cs.size());
            cs.forEach(sb::append);
            return sb.toString();
        });
    }

    private static Gen<byte[]> bytes(Gen<Integer> lengths) {
        return Generate.byteArrays(lengths, Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(Arrays::toString);
    }

    private static boolean wellFormedUtf16(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }
}
