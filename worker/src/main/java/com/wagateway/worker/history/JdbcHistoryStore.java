package com.wagateway.worker.history;

import com.wagateway.worker.command.SendCommandRules;
import com.wagateway.worker.message.MessageMedia;
import com.wagateway.worker.message.MessagePage;
import com.wagateway.worker.message.MessageRecord;
import com.wagateway.worker.message.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history tables over JDBC, in SQL that H2 and PostgreSQL both accept. Each batch of events is one
 * transaction together with the partitions' next offsets, so after a crash the model resumes exactly where its
 * last committed batch ended and a replayed event is skipped (its offset is below the stored one). The offset
 * rows are locked ({@code SELECT … FOR UPDATE}) for the transaction, so even several workers writing one shared
 * database apply each event once.
 */
final class JdbcHistoryStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcHistoryStore.class);

    /** One partition's events of a poll, in offset order; {@code change} null for an event with nothing to apply. */
    record Entry(long offset, HistoryChange change) {}

    /** Column names, also the associated data binding an encrypted value to its column. */
    private static final String CONTENT = "content";
    private static final String PUSH_NAME = "push_name";
    private static final String MEDIA_FILE_NAME = "media_file_name";
    /** The session id column's bound ({@code VARCHAR(255)}); session ids are far shorter (REST allows 64). */
    private static final int SESSION_ID_LENGTH = 255;

    private final DataSource dataSource;
    private final String topic;
    private final Clock clock;
    private final AtomicLong skipped = new AtomicLong();
    private final HistoryCipher cipher;

    /** @param topic the {@code wa.message-events} topic (prefix included) this model is built from */
    JdbcHistoryStore(DataSource dataSource, String topic, Clock clock) {
        this(dataSource, topic, clock, HistoryCipher.PLAIN);
    }

    /** @param cipher how message text and push names are kept at rest (encrypted when the store key is set) */
    JdbcHistoryStore(DataSource dataSource, String topic, Clock clock, HistoryCipher cipher) {
        this.dataSource = dataSource;
        this.topic = topic;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** The next offset to apply per partition; partitions never applied are absent (read them from the beginning). */
    Map<Integer, Long> nextOffsets() throws SQLException {
        Map<Integer, Long> next = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT topic_partition, next_offset FROM wa_message_history_offsets WHERE topic = ?")) {
            st.setString(1, topic);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    next.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return next;
    }

    /** Applies the events of one poll and moves the partitions' offsets past them, in one transaction. */
    void apply(Map<Integer, List<Entry>> byPartition) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<Integer, List<Entry>> p : byPartition.entrySet()) {
                    List<Entry> entries = p.getValue();
                    if (entries.isEmpty()) {
                        continue;
                    }
                    long next = lockNextOffset(c, p.getKey());
                    long last = -1;
                    for (Entry e : entries) {
                        if (e.offset() < next) {
                            continue; // applied before (a replay, or another worker sharing this database)
                        }
                        if (e.change() != null) {
                            applyOrSkip(c, p.getKey(), e);
                        }
                        last = e.offset();
                    }
                    if (last >= 0) {
                        storeNextOffset(c, p.getKey(), last + 1);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Events left out of the history because they could not be stored (each logged at ERROR). */
    long skipped() {
        return skipped.get();
    }

    /**
     * One event, inside a savepoint: an event the database refuses for what it holds (a value too long, a
     * constraint: SQL states {@code 22…}/{@code 23…}), or whose message id is not one a message can have, is logged
     * with its session and message id, counted and left out, so that one bad event cannot stall the history of
     * every session on the partition. Anything else (the database unreachable, a deadlock) fails the batch, which
     * is retried.
     */
    private void applyOrSkip(Connection c, int partition, Entry e) throws SQLException {
        HistoryChange change = e.change();
        String idProblem = messageIdProblem(change.messageId());
        if (idProblem != null || change.sessionId() == null || change.sessionId().length() > SESSION_ID_LENGTH) {
            skip(partition, e, idProblem != null ? idProblem : "session id missing or too long");
            return;
        }
        Savepoint before = c.setSavepoint();
        try {
            apply(c, change);
            c.releaseSavepoint(before);
        } catch (SQLException ex) {
            String state = ex.getSQLState() == null ? "" : ex.getSQLState();
            if (!state.startsWith("22") && !state.startsWith("23")) {
                throw ex;
            }
            c.rollback(before);
            skip(partition, e, "refused by the database (SQLState " + state + "): " + ex.getMessage());
        }
    }

    private void skip(int partition, Entry e, String reason) {
        skipped.incrementAndGet();
        HistoryChange change = e.change();
        log.error("message event not stored in the history, skipped sessionId={} messageId={} partition={} "
                        + "offset={} reason=\"{}\"", change.sessionId(), cut(change.messageId(), 160), partition,
                e.offset(), cut(reason, 300));
    }

    /** Message ids are bounded like the send command's ({@code SendCommandRules}), inbound ones alike. */
    static String messageIdProblem(String messageId) {
        if (messageId == null || messageId.isEmpty()) {
            return "message id missing";
        }
        if (messageId.length() > SendCommandRules.MAX_MESSAGE_ID_LENGTH) {
            return "message id too long (" + messageId.length() + " characters, at most "
                    + SendCommandRules.MAX_MESSAGE_ID_LENGTH + ")";
        }
        return null;
    }

    /** The message's stored status, or null when the history has no row for it. */
    MessageStatus latestStatus(String sessionId, String messageId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Current current = current(c, sessionId, messageId);
            return current == null ? null : current.status();
        }
    }

    MessagePage page(String sessionId, int limit, int offset) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                long total;
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT COUNT(*) FROM wa_message_history WHERE topic = ? AND session_id = ?")) {
                    st.setString(1, topic);
                    st.setString(2, sessionId);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                List<MessageRecord> messages = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT message_id, direction, from_jid, to_jid, message_type, content, sent_at, status,"
                                + " chat_jid, from_lid, push_name, error, media_mimetype, media_size, media_file_name,"
                                + " media_sha256, media_url, media_error"
                                + " FROM wa_message_history WHERE topic = ? AND session_id = ?"
                                + " ORDER BY sent_at DESC, message_id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    st.setString(1, topic);
                    st.setString(2, sessionId);
                    st.setLong(3, offset);
                    st.setInt(4, limit);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            String messageId = rs.getString(1);
                            messages.add(new MessageRecord(messageId, rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5),
                                    readable(sessionId, messageId, CONTENT, rs.getString(6)),
                                    Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getString(9),
                                    rs.getString(10), readable(sessionId, messageId, PUSH_NAME, rs.getString(11)),
                                    rs.getString(12), media(sessionId, messageId, rs)));
                        }
                    }
                }
                c.commit();
                return new MessagePage(List.copyOf(messages), total, (long) offset + messages.size() < total);
            } finally {
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    /** The media columns of a row, null when it has none (not a media message, or stored before media). */
    private MessageMedia media(String sessionId, String messageId, ResultSet rs) throws SQLException {
        String mimetype = rs.getString(13);
        long size = rs.getLong(14);
        Long sizeOrNull = rs.wasNull() ? null : size;
        String fileName = readable(sessionId, messageId, MEDIA_FILE_NAME, rs.getString(15));
        String sha256 = rs.getString(16);
        String url = rs.getString(17);
        String error = rs.getString(18);
        if (mimetype == null && sizeOrNull == null && fileName == null && sha256 == null && url == null
                && error == null) {
            return null;
        }
        return new MessageMedia(mimetype, sizeOrNull, fileName, sha256, url, error);
    }

    /** A stored text as the API shows it; one that cannot be decrypted is left out (null) and logged. */
    private String readable(String sessionId, String messageId, String column, String stored) {
        try {
            return cipher.open(sessionId, messageId, column, stored);
        } catch (HistoryCipher.UnreadableTextException e) {
            log.warn("history text unreadable, left out sessionId={} messageId={} column={} reason=\"{}\"",
                    sessionId, messageId, column, e.getMessage());
            return null;
        }
    }

    private long lockNextOffset(Connection c, int partition) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT next_offset FROM wa_message_history_offsets"
                + " WHERE topic = ? AND topic_partition = ? FOR UPDATE")) {
            st.setString(1, topic);
            st.setInt(2, partition);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        // first batch of this partition; a concurrent writer inserting the same row fails this transaction on the
        // primary key, and the reader retries the batch, then finding the row
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO wa_message_history_offsets (topic, topic_partition, next_offset) VALUES (?, ?, 0)")) {
            st.setString(1, topic);
            st.setInt(2, partition);
            st.executeUpdate();
        }
        return 0;
    }

    private void storeNextOffset(Connection c, int partition, long next) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE wa_message_history_offsets SET next_offset = ?"
                + " WHERE topic = ? AND topic_partition = ?")) {
            st.setLong(1, next);
            st.setString(2, topic);
            st.setInt(3, partition);
            st.executeUpdate();
        }
    }

    private void apply(Connection c, HistoryChange change) throws SQLException {
        Current current = current(c, change.sessionId(), change.messageId());
        long now = clock.millis();
        switch (change) {
            case HistoryChange.Received r -> {
                if (current != null) {
                    return; // the same message seen again (a retried publish): the first copy stands
                }
                insert(c, r.sessionId(), r.messageId(), r.direction(), r.from(), r.to(), r.chat(), r.fromLid(),
                        r.pushName(), r.type(), r.content(), r.status(), null, r.sentAt(), now, r.media());
            }
            case HistoryChange.StatusChanged s -> {
                String error = s.status() == MessageStatus.FAILED ? s.error() : null;
                if (current == null) {
                    insert(c, s.sessionId(), s.messageId(), "outbound", s.from(), s.to(), s.to(), null, null,
                            s.type(), s.content(), s.status(), error, s.at(), now, null);
                    return;
                }
                boolean forward = current.status == null || current.status.canMoveTo(s.status());
                try (PreparedStatement st = c.prepareStatement("UPDATE wa_message_history SET"
                        + " status = ?, error = ?, from_jid = COALESCE(from_jid, ?), to_jid = COALESCE(to_jid, ?),"
                        + " chat_jid = COALESCE(chat_jid, ?), message_type = COALESCE(message_type, ?),"
                        + " content = COALESCE(content, ?), updated_at = ?"
                        + " WHERE topic = ? AND session_id = ? AND message_id = ?")) {
                    st.setString(1, forward ? s.status().wire() : current.statusWire);
                    st.setString(2, cut(forward ? error : current.error, HistorySchema.ERROR_LENGTH));
                    st.setString(3, cut(s.from(), HistorySchema.JID_LENGTH));
                    st.setString(4, cut(s.to(), HistorySchema.JID_LENGTH));
                    st.setString(5, cut(s.to(), HistorySchema.JID_LENGTH));
                    st.setString(6, s.type());
                    st.setString(7, cipher.seal(s.sessionId(), s.messageId(), CONTENT, s.content(),
                            HistorySchema.CONTENT_LENGTH));
                    st.setLong(8, now);
                    st.setString(9, topic);
                    st.setString(10, s.sessionId());
                    st.setString(11, s.messageId());
                    st.executeUpdate();
                }
                if (!forward) {
                    log.debug("history status not forward, kept sessionId={} messageId={} status={} kept={}",
                            s.sessionId(), s.messageId(), s.status().wire(), current.statusWire);
                }
            }
        }
    }

    private record Current(String statusWire, MessageStatus status, String error) {}

    private Current current(Connection c, String sessionId, String messageId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT status, error FROM wa_message_history WHERE topic = ? AND session_id = ? AND message_id = ?")) {
            st.setString(1, topic);
            st.setString(2, sessionId);
            st.setString(3, messageId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String wire = rs.getString(1);
                return new Current(wire, MessageStatus.fromWire(wire).orElse(null), rs.getString(2));
            }
        }
    }

    private void insert(Connection c, String sessionId, String messageId, String direction, String from,
                               String to, String chat, String fromLid, String pushName, String type, String content,
                               MessageStatus status, String error, Instant sentAt, long now, MessageMedia media)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO wa_message_history (session_id, message_id,"
                + " direction, from_jid, to_jid, chat_jid, from_lid, push_name, message_type, content, status, error,"
                + " sent_at, updated_at, topic, media_mimetype, media_size, media_file_name, media_sha256, media_url,"
                + " media_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(15, topic);
            st.setString(1, sessionId);
            st.setString(2, messageId);
            st.setString(3, direction);
            st.setString(4, cut(from, HistorySchema.JID_LENGTH));
            st.setString(5, cut(to, HistorySchema.JID_LENGTH));
            st.setString(6, cut(chat, HistorySchema.JID_LENGTH));
            st.setString(7, cut(fromLid, HistorySchema.JID_LENGTH));
            st.setString(8, cipher.seal(sessionId, messageId, PUSH_NAME, pushName, HistorySchema.NAME_LENGTH));
            st.setString(9, type);
            st.setString(10, cipher.seal(sessionId, messageId, CONTENT, content, HistorySchema.CONTENT_LENGTH));
            st.setString(11, status.wire());
            st.setString(12, cut(error, HistorySchema.ERROR_LENGTH));
            st.setLong(13, (sentAt == null ? Instant.ofEpochMilli(now) : sentAt).toEpochMilli());
            st.setLong(14, now);
            st.setString(16, media == null ? null : cut(media.mimetype(), HistorySchema.MIMETYPE_LENGTH));
            if (media == null || media.size() == null) {
                st.setNull(17, java.sql.Types.BIGINT);
            } else {
                st.setLong(17, media.size());
            }
            st.setString(18, media == null ? null : cipher.seal(sessionId, messageId, MEDIA_FILE_NAME,
                    media.fileName(), HistorySchema.FILE_NAME_LENGTH));
            st.setString(19, media == null ? null : cut(media.sha256(), 64));
            st.setString(20, media == null ? null : cut(media.url(), HistorySchema.URL_LENGTH));
            st.setString(21, media == null ? null : cut(media.error(), HistorySchema.ERROR_LENGTH));
            st.executeUpdate();
        }
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
