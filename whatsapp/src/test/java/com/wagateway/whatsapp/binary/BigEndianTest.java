package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BigEndianTest {

    @Test
    void keepsTheLowBytesMostSignificantFirst() {
        assertThat(BigEndian.bytes(1234, 4)).containsExactly(0, 0, 4, 210 - 256);
        assertThat(BigEndian.bytes(0x0a0b0c, 3)).containsExactly(0x0a, 0x0b, 0x0c);
        assertThat(BigEndian.bytes(0x01020304, 3)).containsExactly(0x02, 0x03, 0x04);
        assertThat(BigEndian.bytes(-1, 2)).containsExactly(-1, -1);
    }
}
