package com.wagateway.worker.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.annotation.JsonDeserialize;

/** Body of {@code POST /api/session/create}. */
@Schema(description = "A session to create", example = """
        {"sessionId": "user123-personal", "userId": "user123", "sessionName": "Personal WhatsApp"}""")
public record CreateSessionRequest(
        @Schema(description = SessionIds.RULE, example = "user123-personal", pattern = SessionIds.REGEX)
        @NotBlank(message = "sessionId is required")
        @Pattern(regexp = SessionIds.REGEX, message = SessionIds.RULE)
        @JsonDeserialize(using = StrictStringDeserializer.class)
        String sessionId,

        @Schema(description = "The Backend's user id owning the session", example = "user123", maxLength = 128)
        @NotBlank(message = "userId is required")
        @Size(max = 128, message = "userId must be at most 128 characters")
        @JsonDeserialize(using = StrictStringDeserializer.class)
        String userId,

        @Schema(description = "A display name (optional)", example = "Personal WhatsApp", maxLength = 200)
        @Size(max = 200, message = "sessionName must be at most 200 characters")
        @JsonDeserialize(using = StrictStringDeserializer.class)
        String sessionName) {}
