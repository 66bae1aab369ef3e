package com.wagateway.worker.api;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's last-resort error page, as the envelope instead of HTML. It answers what Tomcat refuses before any
 * filter or servlet runs: an encoded {@code /} or {@code \} in the path ({@code /api/session/a%2Fb/status}), a
 * path that normalizes above the root, malformed headers. Such a request never reaches a session.
 */
final class EnvelopeErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeErrorReportValve.class);

    EnvelopeErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // Same guards as Tomcat's own report: nothing to do for non-errors or when a body is already out.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String error = switch (status) {
            case 400 -> "Bad request: the URL or headers are malformed (encoded '/' or '\\' and paths above the "
                    + "root are refused)";
            case 404 -> "Not found";
            case 413 -> "Request too large";
            default -> status >= 500 ? "Internal error" : "Request refused (HTTP " + status + ")";
        };
        log.info("api.error status={} source=container method={} path=\"{}\"", status, request.getMethod(),
                RequestPaths.safeForLog(request.getRequestURI()));
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"success\":false,\"error\":\"" + error.replace("\\", "\\\\") + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response cannot take a body; the status line is all it gets.
        }
    }
}
