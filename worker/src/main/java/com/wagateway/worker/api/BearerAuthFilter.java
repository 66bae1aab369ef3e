package com.wagateway.worker.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code Authorization: Bearer <token>} on every request (routes, unknown paths, actuator, docs) except
 * {@link PublicPaths}. A servlet filter rather than an MVC interceptor so that it also covers requests no controller
 * handles: a 404 is only ever shown to a caller who holds the token.
 */
final class BearerAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerAuthFilter.class);
    private static final String SCHEME = "Bearer ";

    private final BearerToken token;
    private final PublicPaths publicPaths;
    private final ErrorResponseWriter errors;

    BearerAuthFilter(BearerToken token, PublicPaths publicPaths, ErrorResponseWriter errors) {
        this.token = token;
        this.publicPaths = publicPaths;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (publicPaths.isPublic(RequestPaths.pathOf(request))) {
            chain.doFilter(request, response);
            return;
        }
        String presented = presentedToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token.matches(presented)) {
            chain.doFilter(request, response);
            return;
        }
        String reason = request.getHeader(HttpHeaders.AUTHORIZATION) == null ? "missing"
                : presented == null ? "malformed" : "mismatch";
        log.warn("api.unauthorized status=401 reason={} method={} path=\"{}\" sessionId={} remote={}", reason,
                request.getMethod(), RequestPaths.pathForLog(request), RequestPaths.sessionIdForLog(request),
                request.getRemoteAddr());
        // RFC 6750 §3: tell the client which scheme is expected, and that a presented token was refused.
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                presented == null ? "Bearer" : "Bearer error=\"invalid_token\"");
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized");
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive, RFC 7235 §2.1), or null if malformed. */
    static String presentedToken(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String value = header.substring(SCHEME.length()).strip();
        return value.isEmpty() || value.chars().anyMatch(Character::isWhitespace) ? null : value;
    }
}
