package com.wagateway.worker.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Body of {@code POST /api/session/{sessionId}/send}. Field shapes are checked by Bean Validation; the rules that
 * depend on {@code type} (text needs {@code message}, media needs {@code media.url}) by {@link SendRequestValidator}.
 */
@Schema(description = "A message to send", example = """
        {"to": "6281234567890", "type": "text", "message": "Hello World!"}""")
public record SendMessageRequest(
        @Schema(description = "Phone number in international format, digits with an optional leading '+' "
                + "(6-15 digits, no leading 0), or a JID: <digits>@s.whatsapp.net, <group-id>@g.us, <digits>@lid",
                example = "6281234567890")
        @NotBlank(message = "to is required")
        @Size(max = 64, message = "to must be at most 64 characters")
        @JsonDeserialize(using = StrictStringDeserializer.class)
        String to,

        @Schema(description = "Message type", allowableValues = {"text", "image", "document", "audio", "video"},
                example = "text")
        @NotBlank(message = "type is required (one of: text, image, document, audio, video)")
        @JsonDeserialize(using = StrictStringDeserializer.class)
        String type,

        @Schema(description = "The text; required for type text, used as caption fallback for media",
                example = "Hello World!")
        @JsonDeserialize(using = StrictStringDeserializer.class)
        String message,

        @Schema(description = "Required for image, document, audio and video")
        @Valid
        MediaRequest media) {

    /** {@code media} of a send request. */
    public record MediaRequest(
            @Schema(description = "http(s) URL the worker downloads the media from",
                    example = "https://example.com/image.jpg", maxLength = 2048)
            @Size(max = 2048, message = "media.url must be at most 2048 characters")
            @JsonDeserialize(using = StrictStringDeserializer.class)
            String url,

            @Schema(description = "File name shown to the recipient (documents)", example = "image.jpg",
                    maxLength = 255)
            @Size(max = 255, message = "media.filename must be at most 255 characters")
            @JsonDeserialize(using = StrictStringDeserializer.class)
            String filename,

            @Schema(description = "Caption", example = "Image caption", maxLength = 1024)
            @Size(max = 1024, message = "media.caption must be at most 1024 characters")
            @JsonDeserialize(using = StrictStringDeserializer.class)
            String caption) {}
}
