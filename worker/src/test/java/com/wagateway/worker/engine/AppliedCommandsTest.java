package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppliedCommandsTest {

    @Test
    void aRedeliveredOffsetIsRecognisedHoweverManyCommandsCameBetween() {
        AppliedCommands a = AppliedCommands.NONE;
        for (int i = 0; i < 500; i++) {
            a = a.plus("c" + i, 3, 100 + i);
        }
        assertThat(a.contains("unrelated-id", 3, 100)).isTrue(); // offset at or below the watermark
        assertThat(a.contains("unrelated-id", 3, 600)).isFalse();
        assertThat(a.contains("unrelated-id", 4, 100)).isFalse(); // another partition's offsets say nothing
    }

    @Test
    void theSameCommandIdAtANewOffsetIsRecognisedWhileRemembered() {
        AppliedCommands a = AppliedCommands.NONE.plus("c1", 0, 5);
        assertThat(a.contains("c1", 0, 9)).isTrue();
        for (int i = 0; i < AppliedCommands.MAX_IDS; i++) {
            a = a.plus("x" + i, 0, 6 + i);
        }
        assertThat(a.ids()).hasSize(AppliedCommands.MAX_IDS).doesNotContain("c1");
        assertThat(a.contains("c1", 0, 1000)).isFalse();
    }

    @Test
    void anOlderOffsetDoesNotMoveTheWatermarkBack() {
        AppliedCommands a = AppliedCommands.NONE.plus("c2", 0, 50).plus("c1", 0, 40);
        assertThat(a.offset()).isEqualTo(50);
    }
}
