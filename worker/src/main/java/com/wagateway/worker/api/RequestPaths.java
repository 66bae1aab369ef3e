package com.wagateway.worker.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for filters and the error handler, which see the raw request rather than mapped arguments. */
final class RequestPaths {

    private static final Pattern SESSION_PATH = Pattern.compile("^/api/session/([^/]+)(/.*)?$");

    private RequestPaths() {}

    /** The path inside the application, decoded and (on a real container) normalized, without {@code ;params}. */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }

    /** The session a request is about, for log lines: a safe id, {@code <invalid>}, or null when none. */
    static String sessionIdForLog(HttpServletRequest request) {
        Matcher m = SESSION_PATH.matcher(pathOf(request));
        if (!m.matches() || "create".equals(m.group(1))) {
            return null;
        }
        return SessionIds.forLog(m.group(1));
    }

    /** A path fit for a log line: printable ASCII only, bounded, so a crafted URL cannot forge log entries. */
    static String pathForLog(HttpServletRequest request) {
        return safeForLog(pathOf(request));
    }

    static String safeForLog(Object value) {
        String path = String.valueOf(value);
        StringBuilder safe = new StringBuilder(Math.min(path.length(), 120));
        for (int i = 0; i < path.length() && safe.length() < 120; i++) {
            char c = path.charAt(i);
            safe.append(c > 0x20 && c < 0x7f && c != '"' ? c : '?');
        }
        return safe.toString();
    }
}
