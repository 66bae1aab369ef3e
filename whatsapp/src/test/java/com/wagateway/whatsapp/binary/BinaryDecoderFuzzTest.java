package com.wagateway.whatsapp.binary;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the node decoder. In a normal {@code mvn test} it replays the
 * committed corpus under src/test/resources/com/wagateway/whatsapp/binary/
 * BinaryDecoderFuzzTestInputs/decodeFrame (regression mode); {@code JAZZER_FUZZ=1} fuzzes for
 * real (see whatsapp/README.md). Any exception other than BinaryDecodeException, and any
 * decoded node the encoder cannot write back, is a finding.
 */
class BinaryDecoderFuzzTest {
    // A small inflate limit keeps each run fast; the limit logic is the same at any size.
    private static final BinaryDecoder DECODER = new BinaryDecoder(new CodecLimits(64, 1 << 20));
    private static final BinaryEncoder ENCODER = new BinaryEncoder(TokenDictionary.v3(), new CodecLimits(64, 1 << 20));

    @FuzzTest(maxDuration = "60s")
    void decodeFrame(byte[] input) {
        Node node;
        try {
            node = DECODER.decodeFrame(input);
        } catch (BinaryDecodeException expected) {
            return;
        }
        // Whatever the decoder returns is a well-formed node the encoder accepts.
        byte[] again = ENCODER.encodeFrame(node);
        if (again.length == 0 || again[0] != 0) {
            throw new AssertionError("encoder wrote no flag byte");
        }
    }
}
