package com.wagateway.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.wagateway.worker.session.SessionView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** {@code data} of {@code GET /api/session/{id}/status}; fields that do not apply to the status are omitted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A session's latest state")
public record SessionStatusBody(
        @Schema(example = "user123-personal") String sessionId,
        @Schema(allowableValues = {"initializing", "qr_required", "connected", "disconnected", "error", "logged_out"},
                example = "connected") String status,
        @Schema(description = "When connected", example = "+6281234567890") String phoneNumber,
        @Schema(description = "When qr_required: PNG data URL", example = "data:image/png;base64,iVBORw0KGgo...")
        String qrCode,
        @Schema(description = "When qr_required: the raw QR string", example = "2@ABC123XYZ...") String qrString,
        @Schema(description = "ISO-8601", example = "2024-01-15T10:30:00Z") Instant lastActivity,
        @Schema(description = "When status is error", example = "Connection failed") String error) {

    static SessionStatusBody of(SessionView view) {
        return new SessionStatusBody(view.sessionId(), view.status().wire(), view.phoneNumber(), view.qrCode(),
                view.qrString(), view.lastActivity(), view.error());
    }
}
