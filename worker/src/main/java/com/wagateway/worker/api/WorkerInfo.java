package com.wagateway.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code data} of {@code GET /info}. {@code baileys_version} is kept for Backends that read it, but there is no
 * Baileys here: it carries the same value as {@code protocolVersion}, the WhatsApp Web version the in-house client
 * speaks.
 */
public record WorkerInfo(
        @Schema(example = "worker-001") String workerId,
        @Schema(description = "Build version", example = "0.1.0") String version,
        @Schema(example = "production") String environment,
        @Schema(description = "Message types this build sends", example = "[\"text\", \"image\", \"document\", \"audio\", \"video\"]") List<String> capabilities,
        @Schema(description = "Compatibility alias of protocolVersion", example = "2.3000.1043857760")
        @JsonProperty("baileys_version") String baileysVersion,
        @Schema(description = "WhatsApp Web version the client announces", example = "2.3000.1043857760")
        String protocolVersion) {}
