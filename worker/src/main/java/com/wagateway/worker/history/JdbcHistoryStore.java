package com.wagateway.worker.history;

import com.wagateway.worker.message.MessagePage;
import com.wagateway.worker.message.MessageRecord;
import com.wagateway.worker.message.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final DataSource dataSource;
    private final String topic;
    private final Clock clock;

    /** @param topic the {@code wa.message-events} topic (prefix included) this model is built from */
    JdbcHistoryStore(DataSource dataSource, String topic, Clock clock) {
        this.dataSource = dataSource;
        this.topic = topic;
        this.clock = clock;
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
                            apply(c, e.change());
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
                                + " chat_jid, from_lid, push_name, error FROM wa_message_history WHERE topic = ? AND session_id = ?"
                                + " ORDER BY sent_at DESC, message_id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    st.setString(1, topic);
                    st.setString(2, sessionId);
                    st.setLong(3, offset);
                    st.setInt(4, limit);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            messages.add(new MessageRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5), rs.getString(6),
                                    Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getString(9),
                                    rs.getString(10), rs.getString(11), rs.getString(12)));
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
                        r.pushName(), r.type(), r.content(), r.status(), null, r.sentAt(), now);
            }
            case HistoryChange.StatusChanged s -> {
                String error = s.status() == MessageStatus.FAILED ? s.error() : null;
                if (current == null) {
                    insert(c, s.sessionId(), s.messageId(), "outbound", s.from(), s.to(), s.to(), null, null,
                            s.type(), s.content(), s.status(), error, s.at(), now);
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
                    st.setString(7, cut(s.content(), HistorySchema.CONTENT_LENGTH));
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
                               MessageStatus status, String error, Instant sentAt, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO wa_message_history (session_id, message_id,"
                + " direction, from_jid, to_jid, chat_jid, from_lid, push_name, message_type, content, status, error,"
                + " sent_at, updated_at, topic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(15, topic);
            st.setString(1, sessionId);
            st.setString(2, messageId);
            st.setString(3, direction);
            st.setString(4, cut(from, HistorySchema.JID_LENGTH));
            st.setString(5, cut(to, HistorySchema.JID_LENGTH));
            st.setString(6, cut(chat, HistorySchema.JID_LENGTH));
            st.setString(7, cut(fromLid, HistorySchema.JID_LENGTH));
            st.setString(8, cut(pushName, HistorySchema.NAME_LENGTH));
            st.setString(9, type);
            st.setString(10, cut(content, HistorySchema.CONTENT_LENGTH));
            st.setString(11, status.wire());
            st.setString(12, cut(error, HistorySchema.ERROR_LENGTH));
            st.setLong(13, (sentAt == null ? Instant.ofEpochMilli(now) : sentAt).toEpochMilli());
            st.setLong(14, now);
            st.executeUpdate();
        }
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
