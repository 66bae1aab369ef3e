package com.wagateway.worker.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forward-only rule, every pair: what the engine publishes and what the history keeps. */
class MessageStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "PENDING, PENDING, false", "PENDING, SENT, true", "PENDING, DELIVERED, true", "PENDING, READ, true",
            "PENDING, FAILED, true",
            "SENT, PENDING, false", "SENT, SENT, false", "SENT, DELIVERED, true", "SENT, READ, true",
            "SENT, FAILED, true",
            "DELIVERED, PENDING, false", "DELIVERED, SENT, false", "DELIVERED, DELIVERED, false",
            "DELIVERED, READ, true", "DELIVERED, FAILED, false",
            "READ, PENDING, false", "READ, SENT, false", "READ, DELIVERED, false", "READ, READ, false",
            "READ, FAILED, false",
            "FAILED, PENDING, false", "FAILED, SENT, false", "FAILED, DELIVERED, true", "FAILED, READ, true",
            "FAILED, FAILED, false"})
    void statusesOnlyMoveForward(MessageStatus from, MessageStatus to, boolean moves) {
        assertThat(from.canMoveTo(to)).isEqualTo(moves);
    }
}
