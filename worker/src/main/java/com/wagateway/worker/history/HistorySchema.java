package com.wagateway.worker.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The read model's tables, created when absent. Plain SQL that H2 and PostgreSQL both accept (no MERGE, no
 * identity columns, no vendor types): times as epoch milliseconds in BIGINT, text in VARCHAR with a bound.
 * Rows are keyed by the event topic's name too, so deployments with different {@code KAFKA_TOPIC_PREFIX}es can
 * share one database without seeing each other's sessions. {@code wa_message_history_offsets} holds, per partition
 * of {@code wa.message-events}, the next offset to apply; it is written in the same transaction as the rows, so the
 * model and its progress never disagree. Message ids longer than 128 characters never reach {@code message_id}
 * ({@code JdbcHistoryStore} skips such events); {@code content}, {@code push_name} and {@code media_file_name} hold
 * ciphertext when the session store key is set ({@link HistoryCipher}). The {@code media_*} columns (a received
 * file: mimetype, size, file name, sha256, the worker's download path, or why it was not stored) came with media and
 * are added to older tables.
 */
final class HistorySchema {

    static final int JID_LENGTH = 255;
    static final int CONTENT_LENGTH = 65_536;
    static final int NAME_LENGTH = 255;
    static final int ERROR_LENGTH = 1_024;
    static final int MIMETYPE_LENGTH = 255;
    static final int FILE_NAME_LENGTH = 1_024;
    static final int URL_LENGTH = 512;

    static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS wa_message_history ("
                    + " topic VARCHAR(255) NOT NULL,"
                    + " session_id VARCHAR(255) NOT NULL,"
                    + " message_id VARCHAR(255) NOT NULL,"
                    + " direction VARCHAR(16) NOT NULL,"
                    + " from_jid VARCHAR(" + JID_LENGTH + "),"
                    + " to_jid VARCHAR(" + JID_LENGTH + "),"
                    + " chat_jid VARCHAR(" + JID_LENGTH + "),"
                    + " from_lid VARCHAR(" + JID_LENGTH + "),"
                    + " push_name VARCHAR(" + NAME_LENGTH + "),"
                    + " message_type VARCHAR(32),"
                    + " content VARCHAR(" + CONTENT_LENGTH + "),"
                    + " status VARCHAR(16) NOT NULL,"
                    + " error VARCHAR(" + ERROR_LENGTH + "),"
                    + " sent_at BIGINT NOT NULL,"
                    + " updated_at BIGINT NOT NULL,"
                    + " PRIMARY KEY (topic, session_id, message_id))",
            "CREATE INDEX IF NOT EXISTS wa_message_history_newest"
                    + " ON wa_message_history (topic, session_id, sent_at, message_id)",
            "CREATE TABLE IF NOT EXISTS wa_message_history_offsets ("
                    + " topic VARCHAR(255) NOT NULL,"
                    + " topic_partition INTEGER NOT NULL,"
                    + " next_offset BIGINT NOT NULL,"
                    + " PRIMARY KEY (topic, topic_partition))",
            // issue 8: a received media file (added to tables made before; both databases accept IF NOT EXISTS)
            "ALTER TABLE wa_message_history ADD COLUMN IF NOT EXISTS media_mimetype VARCHAR(" + MIMETYPE_LENGTH + ")",
            "ALTER TABLE wa_message_history ADD COLUMN IF NOT EXISTS media_size BIGINT",
            "ALTER TABLE wa_message_history ADD COLUMN IF NOT EXISTS media_file_name VARCHAR(" + FILE_NAME_LENGTH + ")",
            "ALTER TABLE wa_message_history ADD COLUMN IF NOT EXISTS media_sha256 VARCHAR(64)",
            "ALTER TABLE wa_message_history ADD COLUMN IF NOT EXISTS media_url VARCHAR(" + URL_LENGTH + ")",
            "ALTER TABLE wa_message_history ADD COLUMN IF NOT EXISTS media_error VARCHAR(" + ERROR_LENGTH + ")");

    private HistorySchema() {}

    static void create(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String ddl : DDL) {
                st.execute(ddl);
            }
        }
    }
}
