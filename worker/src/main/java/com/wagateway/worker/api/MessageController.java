package com.wagateway.worker.api;

import com.wagateway.worker.command.CommandRejectedException;
import com.wagateway.worker.message.MessageStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sending and message history. */
@RestController
@RequestMapping(path = "/api/session/{sessionId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Messages", description = "Send messages and read a session's history")
class MessageController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String ID_DOC = "Session id: " + SessionIds.RULE;

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    @PostMapping(path = "/send", consumes = JSON)
    @Operation(summary = "Send a message", description = "Generates the WhatsApp message id, hands the send to the "
            + "session's engine and waits up to worker.send-timeout (SEND_TIMEOUT, default 10s) for the outcome. "
            + "Every outcome is HTTP 200 with the spec's body {success, data:{messageId, status, timestamp}}: "
            + "status sent (success true); pending (success true: accepted, outcome not known yet, follow the "
            + "message-status webhook with the messageId); failed (success false, the reason in the top-level "
            + "error and in data.error).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = JSON,
                    examples = {@ExampleObject(name = "text", value = ApiExamples.SEND_TEXT),
                            @ExampleObject(name = "image", value = ApiExamples.SEND_IMAGE)})))
    @ApiResponse(responseCode = "200", description = "Sent, pending or failed (see data.status)",
            content = @Content(mediaType = JSON, examples = {
                    @ExampleObject(name = "sent", value = ApiExamples.SENT),
                    @ExampleObject(name = "pending", value = ApiExamples.PENDING),
                    @ExampleObject(name = "failed", value = ApiExamples.FAILED)}))
    @ApiResponse(responseCode = "400", description = "Invalid field, or a type this build does not send yet "
            + "(the message names the supported types; see /info capabilities)", content = @Content(mediaType = JSON,
            examples = {@ExampleObject(name = "invalid", value = ApiExamples.BAD_SEND),
                    @ExampleObject(name = "unsupported type", value = ApiExamples.UNSUPPORTED_TYPE)}))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "413", description = "Body over the limit", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.TOO_LARGE)))
    @ApiResponse(responseCode = "415", description = "Not JSON", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.UNSUPPORTED_MEDIA)))
    @ApiResponse(responseCode = "503", description = "Kafka did not accept the command in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNAVAILABLE)))
    ResponseEntity<Envelope<SendResult>> send(@Parameter(description = ID_DOC) @PathVariable String sessionId,
                                              @Valid @RequestBody SendMessageRequest request)
            throws CommandRejectedException {
        SendResult result = messages.send(SessionIds.require(sessionId), request);
        if (MessageStatus.FAILED.wire().equals(result.status())) {
            // The spec's body for a failed send: success false, the reason on top and in data, still HTTP 200.
            String reason = result.error() == null ? "Message failed to send" : result.error();
            SendResult failed = result.error() == null
                    ? new SendResult(result.messageId(), result.status(), result.timestamp(), reason) : result;
            return ResponseEntity.ok(Envelope.failure(reason, failed));
        }
        return ResponseEntity.ok(Envelope.ok(result));
    }

    @GetMapping("/messages")
    @Operation(summary = "Message history", description = "Newest first, inbound and outbound, each message with "
            + "its latest status. limit 1..200 (default 50), offset ≥ 0 (default 0); total counts the session's "
            + "messages, hasMore says whether a further page exists.")
    @ApiResponse(responseCode = "200", description = "A page", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.MESSAGES)))
    @ApiResponse(responseCode = "400", description = "limit or offset out of range", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.BAD_PAGE)))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    Envelope<MessagePageBody> history(@Parameter(description = ID_DOC) @PathVariable String sessionId,
                                      @Parameter(description = "1..200") @RequestParam(defaultValue = "50") int limit,
                                      @Parameter(description = "≥ 0") @RequestParam(defaultValue = "0") int offset) {
        return Envelope.ok(messages.page(SessionIds.require(sessionId), limit, offset));
    }
}
