package com.wagateway.worker.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.message.MessageMedia;
import com.wagateway.worker.message.MessageRecord;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.store.SessionStoreKey;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The history's text at rest: with the session store key the content and push name columns hold AES-GCM
 * ciphertext bound to their session, message and column, and read back as the text; without a key they are
 * plain. The embedded database's default folder sits next to the session store.
 */
class HistoryAtRestTest {

    private static final String TOPIC = "wa.message-events";
    private HikariDataSource db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void withTheStoreKeyTextAndPushNameAreEncryptedAndReadBack() throws Exception {
        JdbcHistoryStore store = store(HistoryCipher.of(key()));
        store.apply(Map.of(0, List.of(
                new JdbcHistoryStore.Entry(0, received("s1", "3EB0IN1", "secret text ünïcode", "Ani")),
                new JdbcHistoryStore.Entry(1, new HistoryChange.StatusChanged("s1", "3EB0OUT1", MessageStatus.SENT,
                        null, Instant.now(), "62811@s.whatsapp.net", "6289@s.whatsapp.net", "text",
                        "outbound secret")))));

        assertThat(raw("3EB0IN1", "content")).startsWith(HistoryCipher.PREFIX).doesNotContain("secret");
        assertThat(raw("3EB0IN1", "push_name")).startsWith(HistoryCipher.PREFIX).doesNotContain("Ani");
        assertThat(raw("3EB0OUT1", "content")).startsWith(HistoryCipher.PREFIX).doesNotContain("secret");
        List<MessageRecord> page = store.page("s1", 10, 0).messages();
        assertThat(page).extracting(MessageRecord::content)
                .containsExactlyInAnyOrder("secret text ünïcode", "outbound secret");
        assertThat(page).filteredOn(m -> m.id().equals("3EB0IN1")).singleElement()
                .extracting(MessageRecord::pushName).isEqualTo("Ani");

        // bound to its row: a value copied to another message does not decrypt (left out, never the ciphertext)
        execute("UPDATE wa_message_history SET content = (SELECT content FROM wa_message_history WHERE message_id = "
                + "'3EB0IN1') WHERE message_id = '3EB0OUT1'");
        assertThat(store.page("s1", 10, 0).messages()).filteredOn(m -> m.id().equals("3EB0OUT1")).singleElement()
                .extracting(MessageRecord::content).isNull();
        // and under another key nothing reads
        assertThat(store(HistoryCipher.of(key())).page("s1", 10, 0).messages())
                .extracting(MessageRecord::content).containsOnlyNulls();
    }

    @Test
    void withoutAKeyTheTextIsPlainAndAVeryLongSealedTextIsCutToFitItsColumn() throws Exception {
        JdbcHistoryStore plain = store(HistoryCipher.PLAIN);
        plain.apply(Map.of(0, List.of(new JdbcHistoryStore.Entry(0, received("s2", "3EB0P", "plain text", "Bo")))));
        assertThat(raw("3EB0P", "content")).isEqualTo("plain text");
        assertThat(raw("3EB0P", "push_name")).isEqualTo("Bo");

        JdbcHistoryStore sealed = new JdbcHistoryStore(db, TOPIC, Clock.systemUTC(), HistoryCipher.of(key()));
        String longText = "é".repeat(HistorySchema.CONTENT_LENGTH); // 131,072 UTF-8 bytes
        sealed.apply(Map.of(0, List.of(new JdbcHistoryStore.Entry(1, received("s2", "3EB0LONG", longText, null)))));
        assertThat(raw("3EB0LONG", "content").length()).isLessThanOrEqualTo(HistorySchema.CONTENT_LENGTH);
        String back = sealed.page("s2", 10, 0).messages().stream().filter(m -> m.id().equals("3EB0LONG"))
                .findFirst().orElseThrow().content();
        assertThat(longText).startsWith(back);
        assertThat(back.length()).isGreaterThan(24_000);
        // text written plain before the key was set is still read
        assertThat(sealed.page("s2", 10, 0).messages()).extracting(MessageRecord::content).contains("plain text");
    }

    @Test
    void aReceivedMediaFileIsKeptWithItsNameSealedAndATableFromBeforeMediaGetsTheColumns() throws Exception {
        store(HistoryCipher.PLAIN);
        for (String column : List.of("media_mimetype", "media_size", "media_file_name", "media_sha256", "media_url",
                "media_error")) {
            execute("ALTER TABLE wa_message_history DROP COLUMN " + column); // as a table made before issue 8
        }
        HistorySchema.create(db);
        JdbcHistoryStore store = new JdbcHistoryStore(db, TOPIC, Clock.systemUTC(), HistoryCipher.of(key()));
        MessageMedia stored = new MessageMedia("application/pdf", 48_213L, "Q3 report.pdf", "ab".repeat(32),
                "/api/session/s3/media/3EB0DOC", null);
        MessageMedia failed = new MessageMedia("image/jpeg", 10L, "3EB0IMG.jpg", null, null,
                "media verification failed: BAD_MAC");
        store.apply(Map.of(0, List.of(
                new JdbcHistoryStore.Entry(0, new HistoryChange.Received("s3", "3EB0DOC", "inbound", "6289@s.whatsapp.net",
                        "62811@s.whatsapp.net", "6289@s.whatsapp.net", null, null, "document", "the report",
                        Instant.now(), MessageStatus.DELIVERED, stored)),
                new JdbcHistoryStore.Entry(1, new HistoryChange.Received("s3", "3EB0IMG", "inbound", "6289@s.whatsapp.net",
                        "62811@s.whatsapp.net", "6289@s.whatsapp.net", null, null, "image", null,
                        Instant.now(), MessageStatus.DELIVERED, failed)),
                new JdbcHistoryStore.Entry(2, received("s3", "3EB0TXT", "plain", null)))));

        assertThat(raw("3EB0DOC", "media_file_name")).startsWith(HistoryCipher.PREFIX).doesNotContain("report");
        Map<String, MessageRecord> byId = new java.util.HashMap<>();
        store.page("s3", 10, 0).messages().forEach(m -> byId.put(m.id(), m));
        assertThat(byId.get("3EB0DOC").media()).isEqualTo(stored);
        assertThat(byId.get("3EB0IMG").media()).isEqualTo(failed);
        assertThat(byId.get("3EB0TXT").media()).isNull();
    }

    @Test
    void theEmbeddedDatabaseDefaultsToAFolderNextToTheSessionStore() {
        HistoryProperties unset = new HistoryProperties(null, null, null, null, null);
        assertThat(unset.dataDirBeside(Path.of("/srv/wa/sessions")).dataDir()).isEqualTo(Path.of("/srv/wa/history"));
        assertThat(unset.dataDirBeside(Path.of("sessions")).dataDir())
                .isEqualTo(Path.of("").toAbsolutePath().resolve("history"));
        assertThat(new HistoryProperties(null, null, null, Path.of(""), null).dataDirBeside(Path.of("/d/sessions"))
                .dataDir()).isEqualTo(Path.of("/d/history"));
        Path explicit = Path.of("/elsewhere/h");
        assertThat(new HistoryProperties(null, null, null, explicit, null).dataDirBeside(Path.of("/d/sessions"))
                .dataDir()).isEqualTo(explicit);
    }

    private JdbcHistoryStore store(HistoryCipher cipher) throws Exception {
        if (db == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(new HistoryProperties(null, null, null, Path.of(SharedKafka.tempDir("history-rest")),
                    null).effectiveUrl());
            config.setUsername("sa");
            config.setMaximumPoolSize(2);
            db = new HikariDataSource(config);
            HistorySchema.create(db);
        }
        return new JdbcHistoryStore(db, TOPIC, Clock.systemUTC(), cipher);
    }

    private static SessionStoreKey key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return SessionStoreKey.of(raw);
    }

    private static HistoryChange received(String session, String id, String text, String pushName) {
        return new HistoryChange.Received(session, id, "inbound", "6289@s.whatsapp.net", "62811@s.whatsapp.net",
                "6289@s.whatsapp.net", null, pushName, "text", text, Instant.now(), MessageStatus.DELIVERED);
    }

    private String raw(String messageId, String column) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT " + column + " FROM wa_message_history WHERE message_id = ?")) {
            st.setString(1, messageId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.executeUpdate();
        }
    }
}
