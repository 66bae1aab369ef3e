package com.wagateway.worker.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import tools.jackson.databind.annotation.JsonDeserialize;

/** Body of {@code POST /api/session/{sessionId}/pairing-code}. */
@Schema(description = "The WhatsApp account to link by phone number instead of a QR scan",
        example = "{\"phoneNumber\": \"6281234567890\"}")
public record PairingCodeRequest(
        @Schema(description = PairingCodeRequest.RULE, example = "6281234567890", pattern = PairingCodeRequest.REGEX)
        @NotBlank(message = "phoneNumber is required")
        @Pattern(regexp = PairingCodeRequest.REGEX, message = PairingCodeRequest.RULE)
        @JsonDeserialize(using = StrictStringDeserializer.class)
        String phoneNumber) {

    static final String REGEX = "[0-9]{8,15}";
    static final String RULE = "phoneNumber must be the account's number with its country code, digits only "
            + "(8 to 15 digits, no + or spaces)";
}
