package com.wagateway.worker.api;

import com.wagateway.worker.media.store.MediaIds;
import com.wagateway.worker.media.store.MediaStore;
import com.wagateway.worker.media.store.MediaStore.Found;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Received media, served from {@code MEDIA_STORAGE_PATH/<sessionId>/<messageId>}: streamed from disk (never read
 * whole into memory) with the stored mimetype, its length and an attachment disposition with the sanitized name.
 * Both ids are validated before any path is built ({@link MediaStore} also checks the path stays inside).
 */
@RestController
@Tag(name = "Messages", description = "Send messages and read a session's history")
class MediaController {

    private static final Logger log = LoggerFactory.getLogger(MediaController.class);
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final MediaStore store;
    private final SessionService sessions;

    MediaController(MediaStore store, SessionService sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    @GetMapping("/api/session/{sessionId}/media/{messageId}")
    @Operation(summary = "Download received media", description = "The file of a received image, video, audio or "
            + "document message (the message event's media.url), as stored: Content-Type is its mimetype, "
            + "Content-Disposition an attachment with its sanitized file name. Stored media is deleted after "
            + "MEDIA_RETENTION (default 30 days) and with its session.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "400", description = "Invalid session or message id", content = @Content(
            mediaType = JSON, examples = @ExampleObject(value = ApiExamples.BAD_ID)))
    @ApiResponse(responseCode = "404", description = "Unknown session, or no stored media for the message",
            content = @Content(mediaType = JSON, examples = @ExampleObject(value = ApiExamples.MEDIA_NOT_FOUND)))
    ResponseEntity<Resource> download(@Parameter(description = "Session id: " + SessionIds.RULE)
                                      @PathVariable String sessionId,
                                      @Parameter(description = MediaIds.RULE) @PathVariable String messageId)
            throws IOException {
        SessionIds.require(sessionId);
        if (!MediaIds.valid(messageId)) {
            throw new InvalidRequestException(MediaIds.RULE, sessionId);
        }
        sessions.require(sessionId);
        Found found = store.find(sessionId, messageId)
                .orElseThrow(() -> new MediaNotFoundException(sessionId, messageId));
        InputStream in;
        long length;
        try {
            // opened before the headers are written: a file the sweeper removes now is a 404, not a broken 200
            length = Files.size(found.file());
            in = Files.newInputStream(found.file(), LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new MediaNotFoundException(sessionId, messageId);
        }
        log.info("api.media.download sessionId={} messageId={} bytes={}", sessionId, messageId, length);
        return ResponseEntity.ok()
                .contentType(contentType(found.media().mimetype()))
                .contentLength(length)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.attachment(found.media().fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(in));
    }

    /** The stored mimetype when it parses; else octet-stream (it came from a sender, it is not trusted to parse). */
    private static MediaType contentType(String mimetype) {
        if (mimetype == null) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            MediaType type = MediaType.parseMediaType(mimetype);
            return type.isConcrete() ? type : MediaType.APPLICATION_OCTET_STREAM;
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
