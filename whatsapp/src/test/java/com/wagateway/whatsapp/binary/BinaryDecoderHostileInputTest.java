package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Limits and failure modes: one typed exception, no big allocation, bounded work. */
class BinaryDecoderHostileInputTest {
    private static final HexFormat HEX = HexFormat.of();
    private final BinaryDecoder decoder = new BinaryDecoder();

    @Test
    void nestingIsBounded() throws Exception {
        Node deep = Node.of("leaf");
        for (int i = 1; i < 64; i++) {
            deep = Node.of("n", Attributes.empty(), List.of(deep));
        }
        byte[] ok = new BinaryEncoder().encodeFrame(deep);
        assertThat(decoder.decodeFrame(ok)).isEqualTo(deep);
        byte[] tooDeep = new BinaryEncoder(TokenDictionary.v3(), new CodecLimits(100, 0))
                .encodeFrame(Node.of("n", Attributes.empty(), List.of(deep)));
        assertThatThrownBy(() -> decoder.decodeFrame(tooDeep)).isInstanceOf(BinaryDecodeException.class)
                .hasMessageContaining("deeper than 64");
        assertThat(new BinaryDecoder(new CodecLimits(65, 0)).decodeFrame(tooDeep)).isNotNull();
    }

    @Test
    void jidsNestedInJidsAreBounded() {
        // <x a=JID_PAIR(JID_PAIR(JID_PAIR(...)))> — a JID's user may itself be a JID
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEX.parseHex("00f8031d11"));
        for (int i = 0; i < 100_000; i++) {
            b.write(0xFA);
        }
        assertThatThrownBy(() -> decoder.decodeFrame(b.toByteArray())).isInstanceOf(BinaryDecodeException.class)
                .hasMessageContaining("JIDs nested deeper than 64");
    }

    @Test
    void lengthsBeyondTheInputFailBeforeAllocating() {
        String[] frames = {
            "00f8021dfe7fffffff00", // BINARY_32 content of 2 GiB
            "00f8021dfeffffffff", // BINARY_32 of 4 GiB
            "00f8021dfd0fffff", // BINARY_20 of 1 MiB
            "00f8031d11fc05616263", // BINARY_8 string of 5 with 3 left
            "00f8021df9ffff", // LIST_16 of 65535 children, none present
            "00f9ffff1d", // LIST_16 node of 65535 entries
            "00f8031d11ff7f00", // NIBBLE of 127 bytes
        };
        for (String f : frames) {
            assertThatThrownBy(() -> decoder.decodeFrame(HEX.parseHex(f))).as(f)
                    .isInstanceOf(BinaryDecodeException.class);
        }
        assertThatThrownBy(() -> decoder.decodeFrame(HEX.parseHex("00f8021dfe7fffffff00")))
                .hasMessageContaining("2147483647").satisfies(e ->
                        assertThat(((BinaryDecodeException) e).tag()).isEqualTo(254));
    }

    @Test
    void everyTruncationFailsTyped() {
        byte[] frame = new BinaryEncoder().encodeFrame(Node.of("message",
                Attributes.of("id", "3EB0ABCDEF", "to", "123456789012345:7@lid", "type", "text"),
                List.of(Node.of("enc", Attributes.of("v", "2", "type", "pkmsg"), new byte[300]))));
        for (int len = 0; len < frame.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(frame, len);
            assertThatThrownBy(() -> decoder.decodeFrame(cut)).isInstanceOf(BinaryDecodeException.class);
        }
    }

    @Test
    void leftoverBytesAreRefused() {
        assertThatThrownBy(() -> decoder.decodeFrame(HEX.parseHex("00f8015600")))
                .isInstanceOf(BinaryDecodeException.class).hasMessageContaining("left over");
    }

    @Test
    void zlibBombStopsAtTheLimit() throws Exception {
        byte[] bomb = compressedFrame(new byte[8 << 20]); // 8 MiB of zeros in ~8 KiB
        assertThat(bomb.length).isLessThan(20_000);
        BinaryDecoder small = new BinaryDecoder(new CodecLimits(64, 1 << 20));
        assertThatThrownBy(() -> small.decodeFrame(bomb)).isInstanceOf(BinaryDecodeException.class)
                .hasMessageContaining("exceeds limit of 1048576 bytes");
    }

    @Test
    void inflatedSizeExactlyAtTheLimitIsAccepted() throws Exception {
        byte[] node = new BinaryEncoder().encodeNode(Node.of("enc", Attributes.empty(), new byte[1000]));
        byte[] frame = compressedFrame(node);
        assertThat(new BinaryDecoder(new CodecLimits(64, node.length)).decodeFrame(frame).tag()).isEqualTo("enc");
        assertThatThrownBy(() -> new BinaryDecoder(new CodecLimits(64, node.length - 1)).decodeFrame(frame))
                .isInstanceOf(BinaryDecodeException.class);
    }

    @Test
    void manyNumericAttributeKeysStayFast() {
        // 32767 attributes with keys "32766", "32765", … each forcing a reorder in a JS object
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEX.parseHex("00f9ffff1d"));
        for (int i = 32766; i >= 0; i--) {
            byte[] key = Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            b.write(0xFC);
            b.write(key.length);
            b.writeBytes(key);
            b.write(0x03);
        }
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Node n = decoder.decodeFrame(b.toByteArray());
            assertThat(n.attrs().size()).isEqualTo(32767);
            assertThat(n.attrs().key(0)).isEqualTo("0");
            assertThat(n.attrs().key(32766)).isEqualTo("32766");
        });
    }

    @Test
    void emptyAndBadFrames() {
        assertThatThrownBy(() -> decoder.decodeFrame(new byte[0])).isInstanceOf(BinaryDecodeException.class);
        assertThatThrownBy(() -> decoder.decodeFrame(new byte[] {2})).isInstanceOf(BinaryDecodeException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> decoder.decodeFrame(new byte[] {2, 1, 2, 3})).isInstanceOf(BinaryDecodeException.class)
                .hasMessageContaining("zlib");
    }

    static byte[] compressedFrame(byte[] node) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(2);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9))) {
            z.write(node);
        }
        return out.toByteArray();
    }
}
