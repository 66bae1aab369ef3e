package com.wagateway.whatsapp.binary;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodeContentBytesTest {

    @Test
    void bytesAndTextContentReadAsBytesChildrenAndNothingAsNull() {
        byte[] raw = {1, 2, 3};
        Node bytes = Node.of("b", Attributes.empty(), raw);
        assertThat(bytes.contentBytes()).containsExactly(1, 2, 3);
        assertThat(Node.of("t", Attributes.empty(), "ok").contentBytes())
                .isEqualTo("ok".getBytes(StandardCharsets.UTF_8));
        assertThat(Node.of("c", Attributes.empty(), List.of(Node.of("x"))).contentBytes()).isNull();
        assertThat(Node.of("n").contentBytes()).isNull();
    }

    @Test
    void theBytesAreACopy() {
        Node node = Node.of("b", Attributes.empty(), new byte[] {7});
        node.contentBytes()[0] = 9;
        assertThat(node.contentBytes()).containsExactly(7);
    }
}
