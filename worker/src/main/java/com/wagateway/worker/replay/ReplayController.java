package com.wagateway.worker.replay;

import com.wagateway.worker.api.Envelope;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/replay}: the replay command over HTTP, guarded by the Bearer token like every API path.
 * Answers when the replay is done, with its summary; 400 for a bad request, 409 while another replay runs, 503
 * without a Backend.
 */
@RestController
class ReplayController {

    /** The JSON body: {@code {"topic":"wa.webhooks.dlt"}} or {@code {"from":"…","to":"…","sessionId":"…"}}. */
    record Body(String topic, String from, String to, String sessionId) {}

    private final ReplayService replays;

    ReplayController(ReplayService replays) {
        this.replays = replays;
    }

    @PostMapping(path = "/api/admin/replay", consumes = "application/json", produces = "application/json")
    ResponseEntity<?> replay(@RequestBody(required = false) Body body) {
        if (body == null) {
            return ResponseEntity.badRequest().body(Envelope.failure(
                    "A JSON object is required: {\"topic\":\"wa.webhooks.dlt\"} or {\"from\":\"…\",\"to\":\"…\"}"));
        }
        if (!replays.available()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Envelope.failure("No BACKEND_URL configured: nothing to replay to"));
        }
        ReplayRequest request;
        try {
            request = new ReplayRequest(body.topic(), time(body.from()), time(body.to()), blankToNull(body.sessionId()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Envelope.failure(e.getMessage()));
        }
        try {
            return ResponseEntity.ok(Envelope.ok(replays.replay(request)));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Envelope.failure(e.getMessage()));
        } catch (ReplaySource.StalledException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Envelope.failure(e.getMessage()));
        } catch (IllegalStateException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Envelope.failure(e.getMessage()));
        }
    }

    private static Instant time(String iso) {
        return iso == null || iso.isBlank() ? null : Instant.parse(iso.strip());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
