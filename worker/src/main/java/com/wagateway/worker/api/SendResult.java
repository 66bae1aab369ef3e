package com.wagateway.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.wagateway.worker.message.SendOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** {@code data} of {@code POST /send}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendResult(
        @Schema(description = "WhatsApp message id (22 chars, 3EB0 + 18 upper-hex)", example = "3EB0692231D7D76958F4FE")
        String messageId,
        @Schema(allowableValues = {"sent", "failed", "pending"}, example = "sent") String status,
        @Schema(description = "ISO-8601", example = "2024-01-15T10:30:00Z") Instant timestamp,
        @Schema(description = "When failed", example = "Session not connected") String error) {

    static SendResult of(SendOutcome outcome) {
        return new SendResult(outcome.messageId(), outcome.status().wire(), outcome.timestamp(), outcome.error());
    }
}
