package com.wagateway.worker.api;

import com.wagateway.worker.command.CommandRejectedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Session lifecycle endpoints of the spec. Every change becomes one command on Kafka; reads come from the read model.
 */
@RestController
@RequestMapping(path = "/api/session", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Sessions", description = "Create, inspect, restart, disconnect, log out and delete WhatsApp sessions")
class SessionController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String ID_DOC = "Session id: " + SessionIds.RULE;

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @PostMapping(path = "/create", consumes = JSON)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a session", description = "Accepted once Kafka holds the command; the session then "
            + "goes initializing → qr_required → connected (watch /status or the session-status webhook). "
            + "A logged_out session may be created again.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = JSON,
                    examples = @ExampleObject(value = ApiExamples.CREATE_BODY))))
    @ApiResponse(responseCode = "201", description = "Accepted", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.INITIALIZING)))
    @ApiResponse(responseCode = "400", description = "Missing or invalid field", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.BAD_REQUEST)))
    @ApiResponse(responseCode = "409", description = "The session already exists", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.CONFLICT)))
    @ApiResponse(responseCode = "413", description = "Body over the limit", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.TOO_LARGE)))
    @ApiResponse(responseCode = "415", description = "Not JSON", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.UNSUPPORTED_MEDIA)))
    @ApiResponse(responseCode = "503", description = "Kafka did not accept the command in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNAVAILABLE)))
    Envelope<SessionAccepted> create(@Valid @RequestBody CreateSessionRequest request)
            throws CommandRejectedException {
        return Envelope.ok(sessions.create(request));
    }

    @GetMapping("/{sessionId}/status")
    @Operation(summary = "Session status", description = "phoneNumber when connected, qrCode/qrString when "
            + "qr_required, error when error; absent fields are omitted.")
    @ApiResponse(responseCode = "200", description = "Status", content = @Content(mediaType = JSON, examples = {
            @ExampleObject(name = "connected", value = ApiExamples.STATUS_CONNECTED),
            @ExampleObject(name = "qr_required", value = ApiExamples.STATUS_QR)}))
    @ApiResponse(responseCode = "400", description = "Invalid session id", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.BAD_SESSION_ID)))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    Envelope<SessionStatusBody> status(@Parameter(description = ID_DOC) @PathVariable String sessionId) {
        return Envelope.ok(sessions.status(SessionIds.require(sessionId)));
    }

    @DeleteMapping("/{sessionId}")
    @Operation(summary = "Delete a session", description = "Closes the connection and removes all its data. "
            + "Idempotent: deleting an unknown or already deleted session also answers success.")
    @ApiResponse(responseCode = "200", description = "Deleted (or already gone)", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.DELETED)))
    @ApiResponse(responseCode = "400", description = "Invalid session id", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.BAD_SESSION_ID)))
    @ApiResponse(responseCode = "503", description = "Kafka did not accept the command in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNAVAILABLE)))
    Envelope<Void> delete(@Parameter(description = ID_DOC) @PathVariable String sessionId)
            throws CommandRejectedException {
        sessions.delete(SessionIds.require(sessionId));
        return Envelope.okMessage("Session deleted successfully");
    }

    @PostMapping("/{sessionId}/restart")
    @Operation(summary = "Restart a session", description = "Reconnects with the stored credentials (or pairs "
            + "again when there are none).")
    @ApiResponse(responseCode = "200", description = "Restarting", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.INITIALIZING)))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "503", description = "Kafka did not accept the command in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNAVAILABLE)))
    Envelope<SessionAccepted> restart(@Parameter(description = ID_DOC) @PathVariable String sessionId)
            throws CommandRejectedException {
        return Envelope.ok(sessions.restart(SessionIds.require(sessionId)));
    }

    @PostMapping("/{sessionId}/disconnect")
    @Operation(summary = "Disconnect a session", description = "Closes the connection and keeps the credentials, "
            + "so a restart reconnects without a QR scan.")
    @ApiResponse(responseCode = "200", description = "Disconnecting", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.DISCONNECTED)))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "503", description = "Kafka did not accept the command in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNAVAILABLE)))
    Envelope<Void> disconnect(@Parameter(description = ID_DOC) @PathVariable String sessionId)
            throws CommandRejectedException {
        sessions.disconnect(SessionIds.require(sessionId));
        return Envelope.okMessage("Session disconnected");
    }

    @PostMapping(path = "/{sessionId}/pairing-code", consumes = JSON)
    @Operation(summary = "Request a phone-number pairing code (beyond the spec)", description = "Instead of "
            + "scanning the QR: the phone's user opens Linked devices → Link with phone number and types this code. "
            + "The session must be qr_required. The code is also on the session-status event and webhook "
            + "(pairingCode); the session goes connected once it was entered.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = JSON,
                    examples = @ExampleObject(value = ApiExamples.PAIRING_CODE_BODY))))
    @ApiResponse(responseCode = "200", description = "The code", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.PAIRING_CODE)))
    @ApiResponse(responseCode = "400", description = "phoneNumber missing or not 8-15 digits", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.BAD_PAIRING_NUMBER)))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "409", description = "The session is not qr_required, or WhatsApp refused",
            content = @Content(mediaType = JSON, examples = @ExampleObject(value = ApiExamples.PAIRING_CONFLICT)))
    @ApiResponse(responseCode = "503", description = "Kafka did not accept the command in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNAVAILABLE)))
    @ApiResponse(responseCode = "504", description = "WhatsApp did not answer in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.PAIRING_TIMEOUT)))
    Envelope<PairingCodeBody> pairingCode(@Parameter(description = ID_DOC) @PathVariable String sessionId,
                                          @Valid @RequestBody PairingCodeRequest request)
            throws CommandRejectedException {
        return Envelope.ok(sessions.pairingCode(SessionIds.require(sessionId), request));
    }

    @PostMapping("/{sessionId}/logout")
    @Operation(summary = "Log a session out of WhatsApp", description = "Unlinks the device and deletes its "
            + "credentials; the next create or restart needs a new QR scan.")
    @ApiResponse(responseCode = "200", description = "Logging out", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.LOGGED_OUT)))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "503", description = "Kafka did not accept the command in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNAVAILABLE)))
    Envelope<Void> logout(@Parameter(description = ID_DOC) @PathVariable String sessionId)
            throws CommandRejectedException {
        sessions.logout(SessionIds.require(sessionId));
        return Envelope.okMessage("Session logged out successfully");
    }
}
