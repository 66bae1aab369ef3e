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
 * @param dataDir  {@code HISTORY_DATA_DIR}: the embedded database's folder; unset = {@code history} next to the
 *                 session store, in the worker's data folder ({@link #dataDirBeside})
 * @param poolSize {@code HISTORY_JDBC_POOL_SIZE}: connections kept open (one writer, the rest for REST reads)
 */
@ConfigurationProperties("worker.history")
public record HistoryProperties(String jdbcUrl, String username, String password, Path dataDir, Integer poolSize) {

    public HistoryProperties {
        jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl.strip();
        dataDir = dataDir == null || dataDir.toString().isBlank() ? null : dataDir;
        poolSize = poolSize == null ? 4 : poolSize;
        if (poolSize < 2) {
            throw new IllegalArgumentException("HISTORY_JDBC_POOL_SIZE must be at least 2 (one writer, one reader), was "
                    + poolSize);
        }
    }

    /**
     * These settings with the default folder filled in: {@code HISTORY_DATA_DIR} when set, else {@code history} in
     * the folder that holds {@code SESSION_STORAGE_PATH} (the worker's data folder: {@code ./sessions} gives
     * {@code ./history}, {@code /data/wa/sessions} gives {@code /data/wa/history}).
     */
    public HistoryProperties dataDirBeside(Path sessionStoragePath) {
        if (dataDir != null) {
            return this;
        }
        Path base = sessionStoragePath.toAbsolutePath().normalize().getParent();
        return new HistoryProperties(jdbcUrl, username, password,
                (base == null ? Path.of("").toAbsolutePath() : base).resolve("history"), poolSize);
    }

    /** The URL to connect to: the configured one, or the embedded H2 file {@code <dataDir>/messages.mv.db}. */
    public String effectiveUrl() {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        if (dataDir == null) {
            throw new IllegalStateException("HISTORY_DATA_DIR not resolved (dataDirBeside) for the embedded database");
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
