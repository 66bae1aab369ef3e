package com.wagateway.worker.api;

import com.wagateway.worker.command.SendMessage.MediaRef;
import com.wagateway.worker.media.fetch.MediaFetchException;
import com.wagateway.worker.media.fetch.MediaUrlGuard;
import com.wagateway.worker.message.MessageType;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The send rules that depend on {@code type} or need parsing; Bean Validation on {@link SendMessageRequest} already
 * checked presence and sizes. Each failure is a 400 naming the field. {@code media.url} also passes the media fetch
 * guard's checks that need no DNS lookup (scheme, syntax, a refused IP literal in any spelling, a localhost name), so
 * {@code http://2130706433/} is a 400 naming the reason and never a queued command; what only the fetch can learn
 * (DNS answers, redirects, size, time) ends the message in {@code failed} later.
 */
@Component
class SendRequestValidator {

    private final MediaUrlGuard mediaUrlGuard;

    SendRequestValidator(MediaUrlGuard mediaUrlGuard) {
        this.mediaUrlGuard = mediaUrlGuard;
    }

    static final String ALLOWED_TYPES = Arrays.stream(MessageType.values()).map(MessageType::wire)
            .collect(Collectors.joining(", "));

    ValidatedSend validate(SendMessageRequest request, String sessionId) {
        MessageType type = MessageType.fromWire(request.type()).orElseThrow(() ->
                new InvalidRequestException("type must be one of: " + ALLOWED_TYPES, sessionId));
        String to = Recipients.normalize(request.to(), sessionId);
        if (type == MessageType.TEXT) {
            if (request.message() == null || request.message().isBlank()) {
                throw new InvalidRequestException("message is required for type text", sessionId);
            }
            // The contract's media is null for text; a stray media object is not forwarded.
            return new ValidatedSend(to, type, request.message(), null);
        }
        var media = request.media();
        if (media == null || media.url() == null || media.url().isBlank()) {
            throw new InvalidRequestException("media.url is required for type " + type.wire(), sessionId);
        }
        requireHttpUrl(media.url(), sessionId);
        return new ValidatedSend(to, type, request.message(),
                new MediaRef(media.url(), media.filename(), media.caption()));
    }

    private void requireHttpUrl(String url, String sessionId) {
        try {
            mediaUrlGuard.check(url);
        } catch (MediaFetchException e) {
            throw new InvalidRequestException("media.url refused: " + e.getMessage(), sessionId);
        }
    }
}
