package com.wagateway.whatsapp.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.VectorFile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Agreement with Baileys 7.0.0-rc14's own padding functions (tools/interop/gen-padding.mjs runs
 * {@code writeRandomPadMax16}/{@code unpadRandomMax16} from lib/Utils/generics.js with fixed random bytes): the same
 * random byte gives the same padded bytes, and unpadding accepts and refuses what Baileys does.
 */
class MessagePaddingVectorsTest {

    @Test
    void padsAsBaileysWithTheSameRandomByte() throws Exception {
        JsonNode vectors = VectorFile.read("padding.json");
        int lengthOne = 0;
        int lengthSixteen = 0;
        for (JsonNode v : vectors.get("pads")) {
            byte[] random = VectorFile.hex(v.get("random"));
            byte[] message = VectorFile.hex(v.get("message"));
            byte[] padded = MessagePadding.pad(message, out -> System.arraycopy(random, 0, out, 0, out.length));
            assertThat(VectorFile.hex(padded)).as(v.toString()).isEqualTo(v.get("padded").asString());
            assertThat(MessagePadding.unpad(padded)).isEqualTo(message);
            int pad = padded.length - message.length;
            lengthOne += pad == 1 ? 1 : 0;
            lengthSixteen += pad == 16 ? 1 : 0;
        }
        // rc14 adds one to the low nibble: a 0 nibble pads 1 byte and 0x0f pads 16 (fact sheet §9.8 says 1..15)
        assertThat(lengthOne).isPositive();
        assertThat(lengthSixteen).isPositive();
    }

    @Test
    void unpadsAndRefusesAsBaileys() throws Exception {
        JsonNode vectors = VectorFile.read("padding.json");
        for (JsonNode v : vectors.get("unpads")) {
            byte[] padded = VectorFile.hex(v.get("padded"));
            if (v.has("error")) {
                assertThatThrownBy(() -> MessagePadding.unpad(padded)).as(v.toString())
                        .isInstanceOf(SignalException.class)
                        .extracting(e -> ((SignalException) e).reason()).isEqualTo(SignalException.Reason.BAD_PADDING);
            } else {
                assertThat(VectorFile.hex(MessagePadding.unpad(padded))).as(v.toString())
                        .isEqualTo(v.get("message").asString());
            }
        }
    }
}
