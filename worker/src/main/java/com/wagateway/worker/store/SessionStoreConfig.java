package com.wagateway.worker.store;

import com.wagateway.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the worker's {@link SessionStore} from its settings: the start-up check of {@code SESSION_STORE_KEY}
 * (required in production, must be base64 of 32 bytes) and the single warning when the store stays unencrypted.
 */
public final class SessionStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(SessionStoreConfig.class);

    private SessionStoreConfig() {
    }

    /** @throws IllegalStateException naming {@code SESSION_STORE_KEY} when it is missing in production or malformed */
    public static SessionStore create(WorkerProperties worker, SessionStoreProperties settings) {
        SessionStoreKey key = SessionStoreKey.resolve(settings == null ? null : settings.key(), worker.production())
                .orElse(null);
        if (key == null) {
            log.warn("SESSION_STORE_KEY is not set: session credentials are stored unencrypted under {} "
                    + "(set it to the base64 of 32 random bytes; it is required when NODE_ENV=production)",
                    worker.sessionStoragePath());
        } else {
            log.info("session store encrypted at rest (AES-256-GCM) path={}", worker.sessionStoragePath());
        }
        return new FileSessionStore(worker.sessionStoragePath(), worker.mediaStoragePath(), key);
    }
}
