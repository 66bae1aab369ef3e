package com.wagateway.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings. {@code application.yml} maps the spec's environment variables
 * ({@code WORKER_ID}, {@code NODE_ENV}, {@code MAX_SESSIONS}, {@code BACKEND_URL}, {@code BACKEND_AUTH_TOKEN},
 * {@code SESSION_STORAGE_PATH}, {@code MEDIA_STORAGE_PATH}) onto these, so a Node worker's {@code .env} works as is.
 *
 * @param authToken         the shared Bearer token; blank means "not configured" (see the api package for what then happens)
 * @param sendTimeout       how long {@code POST /send} waits for the engine's outcome before answering {@code pending}
 * @param commandAckTimeout how long a REST call waits for Kafka to acknowledge its command before answering 503
 */
@ConfigurationProperties("worker")
public record WorkerProperties(String id, String environment, int maxSessions, String backendUrl, String authToken,
                               Path sessionStoragePath, Path mediaStoragePath, Duration sendTimeout,
                               Duration commandAckTimeout) {

    public boolean production() {
        return "production".equalsIgnoreCase(environment);
    }

    /** Like the record's own, but the Bearer token never reaches a log line or an error message. */
    @Override
    public String toString() {
        return "WorkerProperties[id=" + id + ", environment=" + environment + ", maxSessions=" + maxSessions
                + ", backendUrl=" + backendUrl + ", authToken=" + (authToken == null || authToken.isBlank() ? "<unset>" : "<redacted>")
                + ", sessionStoragePath=" + sessionStoragePath + ", mediaStoragePath=" + mediaStoragePath
                + ", sendTimeout=" + sendTimeout + ", commandAckTimeout=" + commandAckTimeout + "]";
    }
}
