package com.wagateway.worker.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /health} and {@code /info}, served at the root (the spec's list) and under {@code /api} (its app.js). */
@RestController
@Tag(name = "Worker", description = "Health and build information")
class HealthController {

    private final WorkerStatusService status;

    HealthController(WorkerStatusService status) {
        this.status = status;
    }

    @GetMapping(path = {"/health", "/api/health"}, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Worker health and load", description = "Also served at /api/health. Requires the Bearer "
            + "token; orchestrators without it can probe /actuator/health.")
    @ApiResponse(responseCode = "200", description = "Online", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = ApiExamples.HEALTH)))
    Envelope<HealthReport> health() {
        return Envelope.ok(status.health());
    }

    @GetMapping(path = {"/info", "/api/info"}, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Worker identity, build version and capabilities", description = "Also served at /api/info. "
            + "capabilities lists the message types this build sends; baileys_version is a compatibility alias of "
            + "protocolVersion (the WhatsApp Web version the in-house client announces).")
    @ApiResponse(responseCode = "200", description = "Info", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = ApiExamples.INFO)))
    Envelope<WorkerInfo> info() {
        return Envelope.ok(status.info());
    }
}
