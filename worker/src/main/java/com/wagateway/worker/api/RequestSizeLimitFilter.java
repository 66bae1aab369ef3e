package com.wagateway.worker.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies. A declared {@code Content-Length} over the limit is refused before a byte is read;
 * a chunked body is read through {@link BoundedInputStream}, which stops at the limit (so nothing ever buffers more).
 */
final class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestSizeLimitFilter.class);

    private final long limit;
    private final ErrorResponseWriter errors;

    RequestSizeLimitFilter(long limit, ErrorResponseWriter errors) {
        this.limit = limit;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            log.info("api.error status=413 reason=content-length declared={} limit={} method={} path=\"{}\" "
                            + "sessionId={}", declared, limit, request.getMethod(), RequestPaths.pathForLog(request),
                    RequestPaths.sessionIdForLog(request));
            errors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    PayloadTooLargeException.message(limit));
            return;
        }
        chain.doFilter(new BoundedRequest(request, limit), response);
    }

    /** Hands out the bounded stream (once, like the container does) and a reader over it. */
    static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        BoundedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
