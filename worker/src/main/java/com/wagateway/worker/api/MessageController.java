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
import org.springframework.http.HttpStatus;
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
            + "200 sent; 202 pending (accepted, outcome not known yet: follow the message-status webhook with the "
            + "messageId); 502 failed (success false, with the messageId and the reason).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = JSON,
                    examples = {@ExampleObject(name = "text", value = ApiExamples.SEND_TEXT),
                            @ExampleObject(name = "image", value = ApiExamples.SEND_IMAGE)})))
    @ApiResponse(responseCode = "200", description = "Sent", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.SENT)))
    @ApiResponse(responseCode = "202", description = "Pending", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.PENDING)))
    @ApiResponse(responseCode = "400", description = "Invalid field", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.BAD_SEND)))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "413", description = "Body over the limit", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.TOO_LARGE)))
    @ApiResponse(responseCode = "415", description = "Not JSON", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.UNSUPPORTED_MEDIA)))
    @ApiResponse(responseCode = "422", description = "Type not supported by this build (see /info capabilities)",
            content = @Content(mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNSUPPORTED_TYPE)))
    @ApiResponse(responseCode = "502", description = "Failed", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.FAILED)))
    @ApiResponse(responseCode = "503", description = "Kafka did not accept the command in time", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.UNAVAILABLE)))
    ResponseEntity<Envelope<SendResult>> send(@Parameter(description = ID_DOC) @PathVariable String sessionId,
                                              @Valid @RequestBody SendMessageRequest request)
            throws CommandRejectedException {
        SendResult result = messages.send(SessionIds.require(sessionId), request);
        if (MessageStatus.FAILED.wire().equals(result.status())) {
            // The Node worker answered a failed send with an error status; keep callers' "non-2xx = failed" logic,
            // but still hand over the message id and reason.
            String reason = result.error() == null ? "Message failed to send" : result.error();
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Envelope.failure(reason, result));
        }
        HttpStatus status = MessageStatus.PENDING.wire().equals(result.status()) ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).body(Envelope.ok(result));
    }

    @GetMapping("/messages")
    @Operation(summary = "Message history", description = "Newest first. limit 1..500 (default 50), offset ≥ 0 "
            + "(default 0).")
    @ApiResponse(responseCode = "200", description = "A page", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.MESSAGES)))
    @ApiResponse(responseCode = "400", description = "limit or offset out of range", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.BAD_PAGE)))
    @ApiResponse(responseCode = "404", description = "Unknown session", content = @Content(mediaType = JSON,
            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    Envelope<MessagePageBody> history(@Parameter(description = ID_DOC) @PathVariable String sessionId,
                                      @Parameter(description = "1..500") @RequestParam(defaultValue = "50") int limit,
                                      @Parameter(description = "≥ 0") @RequestParam(defaultValue = "0") int offset) {
        return Envelope.ok(messages.page(SessionIds.require(sessionId), limit, offset));
    }
}
