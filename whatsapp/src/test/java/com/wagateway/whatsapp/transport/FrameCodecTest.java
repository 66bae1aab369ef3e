package com.wagateway.whatsapp.transport;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.wagateway.whatsapp.crypto.VectorFile;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.JsonNode;

/** Framing (fact sheet §2.2–2.3): Baileys' wire bytes, any split of the stream, limits, bad headers. */
class FrameCodecTest {

    @Test
    void encoderReproducesBaileysWireBytesIncludingTheRoutedIntro() {
        for (JsonNode v : VectorFile.read("noise.json").get("handshakes")) {
            byte[] routing = v.get("routingInfo").isNull() ? null : hex(v.get("routingInfo"));
            FrameEncoder encoder = FrameEncoder.client(IntroHeader.standard(routing));
            assertThat(hex(encoder.encode(hex(v.get("clientHello"))))).isEqualTo(v.get("clientHelloWire").asString());
            assertThat(hex(encoder.encode(hex(v.get("clientFinish"))))).isEqualTo(v.get("clientFinishWire").asString());
            assertThat(hex(FrameEncoder.server().encode(hex(v.get("serverHello"))))).isEqualTo(v.get("serverHelloWire").asString());
        }
    }

    @Test
    void serverDecoderReadsBaileysClientStreamUnderRandomSplits() throws FrameException {
        Random random = new Random(42);
        for (JsonNode v : VectorFile.read("noise.json").get("handshakes")) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            List<String> expected = new ArrayList<>();
            stream.writeBytes(hex(v.get("clientHelloWire")));
            expected.add(v.get("clientHello").asString());
            stream.writeBytes(hex(v.get("clientFinishWire")));
            expected.add(v.get("clientFinish").asString());
            for (JsonNode frame : v.get("clientToServer")) {
                stream.writeBytes(hex(frame.get("wire")));
                expected.add(frame.get("ciphertext").asString());
            }
            for (int round = 0; round < 20; round++) {
                FrameDecoder decoder = FrameDecoder.forServer(FrameEncoder.MAX_FRAME_LENGTH);
                List<String> got = new ArrayList<>();
                for (byte[] chunk : split(stream.toByteArray(), random)) {
                    decoder.feed(chunk).forEach(f -> got.add(hex(f)));
                }
                assertThat(got).isEqualTo(expected);
                assertThat(hex(decoder.intro().encode())).isEqualTo(v.get("intro").asString());
                assertThat(decoder.bufferedBytes()).isZero();
            }
        }
    }

    /** QuickTheories property, fixed seed: any frames, routed or not, under any split of the stream. */
    @Test
    void anySplitOfAnyFramesDecodesToTheSameFrames() {
        Gen<List<byte[]>> frames = lists().of(bytes(Generate.oneOf(integers().between(0, 8), integers().between(0, 700))))
                .ofSizeBetween(0, 12)
                .describedAs(fs -> fs.stream().map(Arrays::toString).toList().toString());
        Gen<byte[]> routing = bytes(integers().between(0, 20));
        qt().withExamples(300).withFixedSeed(0xf7a3e5L)
                .forAll(frames, routing, booleans().all(), integers().between(0, 1000))
                .checkAssert((fs, r, routed, seed) -> {
                    try {
                        assertAnySplitDecodesToTheSameFrames(fs, routed ? r : null, seed);
                    } catch (FrameException e) {
                        throw new AssertionError("a stream the encoder wrote must decode", e);
                    }
                });
    }

    private static void assertAnySplitDecodesToTheSameFrames(List<byte[]> frames, byte[] routing, int seed)
            throws FrameException {
        FrameEncoder encoder = FrameEncoder.client(IntroHeader.standard(routing));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        if (frames.isEmpty()) {
            stream.writeBytes(IntroHeader.standard(routing).encode());
        }
        frames.forEach(f -> stream.writeBytes(encoder.encode(f)));

        FrameDecoder decoder = FrameDecoder.forServer(FrameEncoder.MAX_FRAME_LENGTH);
        List<byte[]> decoded = new ArrayList<>();
        for (byte[] chunk : split(stream.toByteArray(), new Random(seed))) {
            decoded.addAll(decoder.feed(chunk));
        }
        assertThat(decoded).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(decoded.get(i)).isEqualTo(frames.get(i));
        }
        assertThat(decoder.intro().routingInfo()).isEqualTo(routing);
    }

    private static Gen<byte[]> bytes(Gen<Integer> lengths) {
        return Generate.byteArrays(lengths, Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(Arrays::toString);
    }

    @Test
    void aLengthAboveTheLimitFailsBeforeAllocatingAndTheDecoderStaysFailed() {
        FrameDecoder decoder = FrameDecoder.forClient(1000);
        FrameException e = assertThrows(FrameException.class, () -> decoder.feed(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
        assertThat(e.error()).isEqualTo(new FrameError.FrameTooLarge(0xffffff, 1000));
        FrameException again = assertThrows(FrameException.class, () -> decoder.feed(new byte[] {0}));
        assertThat(again.error()).isInstanceOf(FrameError.StreamFailed.class);
    }

    @Test
    void aLargeFrameArrivingInPiecesIsReassembled() throws FrameException {
        byte[] payload = new byte[200_000];
        new Random(3).nextBytes(payload);
        byte[] wire = FrameEncoder.server().encode(payload);
        FrameDecoder decoder = FrameDecoder.forClient(FrameEncoder.MAX_FRAME_LENGTH);
        List<byte[]> frames = new ArrayList<>();
        for (byte[] chunk : split(wire, new Random(4))) {
            frames.addAll(decoder.feed(chunk));
        }
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).isEqualTo(payload);
    }

    @Test
    void emptyFramesAndPartialHeadersAreHandled() throws FrameException {
        FrameDecoder decoder = FrameDecoder.forClient(10);
        assertThat(decoder.feed(new byte[] {0, 0})).isEmpty();
        assertThat(decoder.bufferedBytes()).isEqualTo(2);
        List<byte[]> frames = decoder.feed(new byte[] {0, 0, 0, 2, 7});
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).isEmpty();
        List<byte[]> rest = decoder.feed(new byte[] {8});
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0)).containsExactly(7, 8);
    }

    @Test
    void badIntroHeadersAreTypedErrors() {
        assertBadIntro(new byte[] {'G', 'E', 'T', ' '});
        assertBadIntro(new byte[] {'W', 'A', 5, 3});
        assertBadIntro(new byte[] {'E', 'D', 0, 2, 0, 0, 0});
        assertBadIntro(new byte[] {'E', 'D', 0, 1, 0x7f, 0, 0}); // routing info length far above the bound
        assertBadIntro(new byte[] {'E', 'D', 0, 1, 0, 0, 1, 9, 'X', 'A', 6, 3}); // routed, then a bad header
    }

    private static void assertBadIntro(byte[] bytes) {
        FrameDecoder decoder = FrameDecoder.forServer(100);
        FrameException e = assertThrows(FrameException.class, () -> decoder.feed(bytes));
        assertThat(e.error()).isInstanceOf(FrameError.BadIntroHeader.class);
    }

    static List<byte[]> split(byte[] all, Random random) {
        List<byte[]> chunks = new ArrayList<>();
        int position = 0;
        while (position < all.length) {
            int n = Math.min(all.length - position, random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(600));
            chunks.add(Arrays.copyOfRange(all, position, position + n));
            position += n;
        }
        return chunks;
    }
}
