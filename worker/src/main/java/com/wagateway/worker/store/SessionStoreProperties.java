package com.wagateway.worker.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code worker.session-store.key} ({@code SESSION_STORE_KEY}): see {@link SessionStoreKey}. The value never reaches
 * a log line.
 */
@ConfigurationProperties("worker.session-store")
public record SessionStoreProperties(String key) {

    @Override
    public String toString() {
        return "SessionStoreProperties[key=" + (key == null || key.isBlank() ? "<unset>" : "<redacted>") + "]";
    }
}
