package com.wagateway.whatsapp.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessagePaddingTest {

    @Test
    void padsOneToSixteenBytesOfThePadLengthAsBaileysRc14() throws Exception {
        byte[] message = {10, 20, 30};
        Set<Integer> lengths = new HashSet<>();
        for (int nibble = 0; nibble < 256; nibble++) {
            byte random = (byte) nibble;
            byte[] padded = MessagePadding.pad(message, out -> Arrays.fill(out, random));
            int pad = padded.length - message.length;
            assertThat(pad).isEqualTo((nibble & 0x0f) + 1);
            for (int i = message.length; i < padded.length; i++) {
                assertThat(padded[i]).isEqualTo((byte) pad);
            }
            assertThat(MessagePadding.unpad(padded)).isEqualTo(message);
            lengths.add(pad);
        }
        assertThat(lengths).hasSize(16);
    }

    @Test
    void unpadRefusesWhatCannotBePadding() throws Exception {
        assertThatThrownBy(() -> MessagePadding.unpad(new byte[0])).isInstanceOf(SignalException.class)
                .satisfies(e -> assertThat(((SignalException) e).reason()).isEqualTo(SignalException.Reason.BAD_PADDING));
        assertThatThrownBy(() -> MessagePadding.unpad(new byte[] {1, 2, 5})).isInstanceOf(SignalException.class);
        assertThat(MessagePadding.unpad(new byte[] {3, 3, 3})).isEmpty();
        assertThat(MessagePadding.unpad(new byte[] {7, 0})).as("0 = no padding, as Baileys reads it").containsExactly(7, 0);
    }
}
