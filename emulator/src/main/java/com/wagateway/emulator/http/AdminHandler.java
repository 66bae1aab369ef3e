package com.wagateway.emulator.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@link AdminApi} over HTTP. Link calls wait for the companion's answer for seconds, so every
 * call runs on a virtual thread: hundreds of concurrent pairings never starve Jetty's pool, whose
 * threads the companions' own frames need.
 */
final class AdminHandler extends Handler.Abstract.NonBlocking {

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final int MAX_BODY = 64 * 1024;
    /** A phone's media send carries the file as base64 in the JSON: 64 MiB holds 48 MiB of media. */
    private static final int MAX_MEDIA_BODY = 64 * 1024 * 1024;
    /** Oversized bodies up to this are read and dropped before the 413; larger ones are cut off. */
    private static final long MAX_DRAIN = 8L * 1024 * 1024;

    private final AdminApi api;
    private final JsonMapper mapper;
    private final ExecutorService executor;

    AdminHandler(AdminApi api, JsonMapper mapper, ExecutorService executor) {
        this.api = api;
        this.mapper = mapper;
        this.executor = executor;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        int max = method.equals("POST") && path.matches("/phones/[^/]+/messages/?") ? MAX_MEDIA_BODY : MAX_BODY;
        if (request.getLength() > max) {
            ApiResponse tooLarge = ApiResponse.error(413, "body larger than " + max + " bytes");
            if (request.getLength() <= MAX_DRAIN) {
                // read and drop the body first: closing with it unread resets the connection, and a client still
                // sending (the JDK HttpClient) then sometimes loses the 413 to the reset
                Content.Source.consumeAll(request, Callback.from(() -> respond(response, callback, tooLarge),
                        failure -> respond(response, callback, tooLarge)));
            } else {
                respond(response, callback, tooLarge);
            }
            return true;
        }
        // reads at most max bytes, so a chunked body without a length cannot fill the heap either
        Content.Source.asByteBufferAsync(request, max).whenComplete((buffer, error) -> {
            if (error != null) {
                respond(response, callback, ApiResponse.error(413, "body larger than " + max + " bytes or unreadable"));
                return;
            }
            String body = StandardCharsets.UTF_8.decode(buffer).toString();
            executor.execute(() -> {
                ApiResponse answer;
                try {
                    answer = api.handle(method, path, body);
                } catch (RuntimeException e) {
                    log.error("event=admin_failed method={} path={}", method, path, e);
                    answer = ApiResponse.error(500, "internal error: " + e.getMessage());
                }
                log.info("event=admin method={} path={} status={}", method, path, answer.status());
                respond(response, callback, answer);
            });
        });
        return true;
    }

    private void respond(Response response, Callback callback, ApiResponse answer) {
        if (answer.body() instanceof ApiResponse.Raw raw) {
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, raw.contentType());
            response.write(true, ByteBuffer.wrap(raw.text().getBytes(StandardCharsets.UTF_8)), callback);
            return;
        }
        byte[] json = mapper.writeValueAsBytes(answer.body());
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json), callback);
    }
}
