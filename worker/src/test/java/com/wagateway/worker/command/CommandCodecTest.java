package com.wagateway.worker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.avro.SendMessageCommand;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Send commands from Kafka are checked like REST requests: each broken rule is named. */
class CommandCodecTest {

    @Test
    void aWellFormedSendDecodes() {
        SendMessage s = (SendMessage) CommandCodec.fromAvro(send("3EB0A1B2C3D4E5F6A7B8C9", "6289876543210", "text",
                "hello"));
        assertThat(s.messageId()).isEqualTo("3EB0A1B2C3D4E5F6A7B8C9");
        assertThat(CommandCodec.fromAvro(send("ABC.def_1:2-3", "120363025246125888@g.us", "text", "x")))
                .isInstanceOf(SendMessage.class);
        assertThat(CommandCodec.fromAvro(send("3EB0A", "123456789012345@lid", "text", "x")))
                .isInstanceOf(SendMessage.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|6289876543210|text|hi|invalid messageId",
            "3EB0 A|6289876543210|text|hi|invalid messageId",
            "3EB0'; DROP|6289876543210|text|hi|invalid messageId",
            "3EB0A|+6289876543210|text|hi|invalid to",
            "3EB0A|62-898|text|hi|invalid to",
            "3EB0A|6289876543210@example.com|text|hi|invalid to",
            "3EB0A|6289876543210|sticker|hi|invalid type",
            "3EB0A|6289876543210|text|' '|text is required"})
    void aBrokenRuleIsNamed(String id, String to, String type, String text, String reason) {
        assertThatThrownBy(() -> CommandCodec.fromAvro(send(id, to, type, text)))
                .isInstanceOfSatisfying(InvalidSendCommandException.class, e -> {
                    assertThat(e.reason()).startsWith(reason);
                    assertThat(e.commandId()).isEqualTo("cmd-1");
                    assertThat(e.sessionId()).isEqualTo("s1");
                    assertThat(e.messageId()).isEqualTo(id);
                });
    }

    @Test
    void idsAndTextsAreBounded() {
        assertThat(CommandCodec.fromAvro(send("A".repeat(128), "6289876543210", "text", "x".repeat(65_536))))
                .isInstanceOf(SendMessage.class);
        assertThatThrownBy(() -> CommandCodec.fromAvro(send("A".repeat(129), "6289876543210", "text", "x")))
                .isInstanceOf(InvalidSendCommandException.class).hasMessageContaining("129 characters");
        assertThatThrownBy(() -> CommandCodec.fromAvro(send("3EB0A", "6289876543210", "text", "x".repeat(65_537))))
                .isInstanceOf(InvalidSendCommandException.class).hasMessageContaining("text too long");
    }

    private static CommandEnvelope send(String id, String to, String type, String text) {
        return CommandEnvelope.newBuilder().setCommandId("cmd-1").setSessionId("s1").setWorkerId("other")
                .setIssuedAt(Instant.now()).setNotAfter(Instant.now().plusSeconds(30))
                .setPayload(SendMessageCommand.newBuilder().setMessageId(id).setTo(to).setType(type).setText(text)
                        .build())
                .build();
    }
}
