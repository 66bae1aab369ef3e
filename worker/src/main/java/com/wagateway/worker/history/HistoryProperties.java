package com.wagateway.worker.history;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the message history read model lives ({@code application.yml} maps the environment variables).
 *
 * @param jdbcUrl  {@code HISTORY_JDBC_URL}: any JDBC URL whose driver is on the class path (H2 and PostgreSQL
 *                 ship); blank = an embedded H2 file database in {@code dataDir}
 * @param username {@code HISTORY_JDBC_USERNAME}
 * @param password {@code HISTORY_JDBC_PASSWORD}; never logged
 * @param dataDir  {@code HISTORY_DATA_DIR}: the embedded database's folder (default {@code ./data/history})
 * @param poolSize {@code HISTORY_JDBC_POOL_SIZE}: connections kept open (one writer, the rest for REST reads)
 */
@ConfigurationProperties("worker.history")
public record HistoryProperties(String jdbcUrl, String username, String password, Path dataDir, Integer poolSize) {

    public HistoryProperties {
        jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl.strip();
        dataDir = dataDir == null ? Path.of("data", "history") : dataDir;
        poolSize = poolSize == null ? 4 : poolSize;
        if (poolSize < 2) {
            throw new IllegalArgumentException("HISTORY_JDBC_POOL_SIZE must be at least 2 (one writer, one reader), was "
                    + poolSize);
        }
    }

    /** The URL to connect to: the configured one, or the embedded H2 file {@code <dataDir>/messages.mv.db}. */
    public String effectiveUrl() {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("messages");
    }

    public boolean embedded() {
        return jdbcUrl == null;
    }

    /** Without the password, which never reaches a log line. */
    @Override
    public String toString() {
        return "HistoryProperties[url=" + effectiveUrl() + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "<unset>" : "<redacted>") + ", poolSize=" + poolSize + "]";
    }
}
