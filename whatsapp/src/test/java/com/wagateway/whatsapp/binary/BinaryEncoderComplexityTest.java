package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Crafted strings that made the encoder catastrophically slow (a JID device part of 40,000 digits
 * and a letter: 27.9 s in the former regular expression; a string of many '@': one copy of the
 * rest per '@') or made it write frames our own decoder refuses (JIDs nested deeper than
 * {@code maxDepth}). The 5 s bound guards against catastrophic complexity; it is not a
 * performance target.
 */
class BinaryEncoderComplexityTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final BinaryEncoder encoder = new BinaryEncoder();
    private final BinaryDecoder decoder = new BinaryDecoder();

    @Test
    void hugeDevicePartIsLinearAndWritesWhatBaileysWrites() throws Exception {
        String jid = "1:" + "1".repeat(40_000) + "x@s.whatsapp.net";
        Node node = Node.of("message", Attributes.of("to", jid));
        byte[] frame = assertTimeoutPreemptively(BOUND, () -> encoder.encodeFrame(node));
        // +"111…1x" is NaN, and Baileys' pushByte(NaN || 0) writes device 0: AD_JID 0 0 "1"
        assertThat(HexFormat.of().formatHex(frame)).contains("f70000");
        assertThat(frame.length).isLessThan(16);
        assertThat(decoder.decodeFrame(frame).attrs().get("to")).isEqualTo("1@s.whatsapp.net");

        String digits = "5:" + "1".repeat(40_000) + "@lid"; // a finite-looking device, +"111…" is 1.1e39999 → Infinity → 0
        byte[] other = assertTimeoutPreemptively(BOUND,
                () -> encoder.encodeFrame(Node.of("m", Attributes.of("to", digits))));
        assertThat(decoder.decodeFrame(other).attrs().get("to")).isEqualTo("5@lid");
    }

    @Test
    void manyAtSignsAreLinearWhenTheLimitAllowsThem() {
        String s = "a@".repeat(200_000) + "a";
        BinaryEncoder lenient = new BinaryEncoder(TokenDictionary.v3(), new CodecLimits(1_000_000, 1 << 20));
        byte[] frame = assertTimeoutPreemptively(BOUND, () -> lenient.encodeFrame(Node.of("m", Attributes.of("to", s))));
        // per '@': JID_PAIR + the user "a" as BINARY_8 1 'a' (4 bytes); then the last "a"
        assertThat(frame.length).isGreaterThan(200_000 * 4);
    }

    @Test
    void jidNestingPastTheLimitFailsInsteadOfWritingAnUnreadableFrame() throws Exception {
        String atLimit = "a@".repeat(CodecLimits.DEFAULT_MAX_DEPTH) + "a";
        Node ok = Node.of("m", Attributes.of("to", atLimit));
        assertThat(decoder.decodeFrame(encoder.encodeFrame(ok))).isEqualTo(ok);

        String overLimit = "a@".repeat(CodecLimits.DEFAULT_MAX_DEPTH + 1) + "a";
        assertThatThrownBy(() -> encoder.encodeFrame(Node.of("m", Attributes.of("to", overLimit))))
                .isInstanceOf(BinaryEncodeException.class).hasMessageContaining("JIDs nested deeper than 64")
                .hasMessageContaining("<m>");
        // the frame the old encoder wrote for it: our decoder refuses it
        String huge = "@".repeat(1_000_000);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(
                () -> encoder.encodeFrame(Node.of("m", Attributes.empty(), "text" + huge)))
                .isInstanceOf(BinaryEncodeException.class));
        // a device JID at the end of a chain counts as one level too
        String deviceAtLimit = "a@".repeat(CodecLimits.DEFAULT_MAX_DEPTH - 1) + "b:3@s.whatsapp.net";
        Node dev = Node.of("m", Attributes.of("to", deviceAtLimit));
        assertThat(decoder.decodeFrame(encoder.encodeFrame(dev))).isEqualTo(dev);
        String deviceOver = "a@" + deviceAtLimit;
        assertThatThrownBy(() -> encoder.encodeFrame(Node.of("m", Attributes.of("to", deviceOver))))
                .isInstanceOf(BinaryEncodeException.class);
    }
}
