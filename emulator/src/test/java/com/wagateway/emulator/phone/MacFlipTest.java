package com.wagateway.emulator.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.proto.SignalProtos;
import com.wagateway.whatsapp.signal.MessageKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The {@code tamper} fault must break the MAC of a {@code pkmsg} too, whose last bytes are ids, not a MAC. */
class MacFlipTest {

    @Test
    void aMsgGetsItsLastMacByteFlipped() {
        byte[] msg = {0x33, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        byte[] flipped = VirtualPhone.macFlipped(msg, MessageKind.MSG);
        assertThat(Arrays.copyOf(flipped, 10)).isEqualTo(Arrays.copyOf(msg, 10));
        assertThat(flipped[10]).isEqualTo((byte) 11);
        assertThat(msg[10]).as("the original is left alone").isEqualTo((byte) 10);
    }

    @Test
    void aPkmsgGetsTheMacOfTheMessageItWrapsFlippedAndKeepsItsIds() throws Exception {
        byte[] inner = {0x33, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        SignalProtos.PreKeyWhisperMessage proto = SignalProtos.PreKeyWhisperMessage.newBuilder()
                .setPreKeyId(77).setSignedPreKeyId(1).setRegistrationId(4321)
                .setBaseKey(ByteString.copyFrom(new byte[33])).setIdentityKey(ByteString.copyFrom(new byte[33]))
                .setMessage(ByteString.copyFrom(inner)).build();
        byte[] body = proto.toByteArray();
        byte[] pkmsg = new byte[1 + body.length];
        pkmsg[0] = 0x33;
        System.arraycopy(body, 0, pkmsg, 1, body.length);

        byte[] flipped = VirtualPhone.macFlipped(pkmsg, MessageKind.PKMSG);
        assertThat(flipped[0]).isEqualTo((byte) 0x33);
        SignalProtos.PreKeyWhisperMessage back = SignalProtos.PreKeyWhisperMessage.parseFrom(
                Arrays.copyOfRange(flipped, 1, flipped.length));
        assertThat(back.getSignedPreKeyId()).isEqualTo(1);
        assertThat(back.getRegistrationId()).isEqualTo(4321);
        assertThat(back.getPreKeyId()).isEqualTo(77);
        byte[] tamperedInner = back.getMessage().toByteArray();
        assertThat(Arrays.copyOf(tamperedInner, 10)).isEqualTo(Arrays.copyOf(inner, 10));
        assertThat(tamperedInner[10]).isEqualTo((byte) 1);
    }
}
