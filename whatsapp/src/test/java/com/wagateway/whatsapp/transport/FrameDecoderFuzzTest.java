package com.wagateway.whatsapp.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile input for the frame reader: any bytes, split any way, give frames or ONE
 * {@link FrameException}; never another exception, never a frame above the limit. Seeds in
 * resources/com/wagateway/whatsapp/transport/FrameDecoderFuzzTestInputs/.
 */
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void serverDecoderOnAnyStream(FuzzedDataProvider data) {
        int limit = data.consumeInt(0, 1 << 16);
        boolean server = data.consumeBoolean();
        FrameDecoder decoder = server ? FrameDecoder.forServer(limit) : FrameDecoder.forClient(limit);
        List<byte[]> frames = new ArrayList<>();
        try {
            while (data.remainingBytes() > 0) {
                int chunk = data.consumeInt(0, 64);
                for (byte[] frame : decoder.feed(data.consumeBytes(chunk))) {
                    if (frame.length > limit) {
                        throw new AssertionError("frame of " + frame.length + " bytes above limit " + limit);
                    }
                    frames.add(frame);
                }
            }
        } catch (FrameException expected) {
            // the one typed failure
        }
    }
}
