package com.wagateway.worker.api;

import com.wagateway.worker.command.SendMessage.MediaRef;
import com.wagateway.worker.message.MessageType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The send rules that depend on {@code type} or need parsing; Bean Validation on {@link SendMessageRequest} already
 * checked presence and sizes. Each failure is a 400 naming the field.
 */
@Component
class SendRequestValidator {

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

    private static void requireHttpUrl(String url, String sessionId) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // falls through to the same message: the caller needs the rule, not the parser's complaint
        }
        throw new InvalidRequestException("media.url must be an absolute http or https URL", sessionId);
    }
}
