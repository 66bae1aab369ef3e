package com.wagateway.worker.history;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.ReceivedMedia;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicTail;
import com.wagateway.worker.message.MessageHistory;
import com.wagateway.worker.message.MessageMedia;
import com.wagateway.worker.message.MessagePage;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.message.MessageStatusLookup;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message history read model: every worker projects all of {@code wa.message-events} (inbound and outbound,
 * each message's latest status) into its {@link JdbcHistoryStore}. It starts where the store's committed offsets
 * say, so a restart resumes exactly; an empty store (a new database, or one wiped) is rebuilt from the beginning of
 * the topic's retention. Each poll is one transaction; a database failure replays the poll after a backoff
 * ({@link TopicTail}), never skips it.
 */
public final class MessageHistoryProjector extends TopicTail implements MessageHistory, MessageStatusLookup {

    private static final Logger log = LoggerFactory.getLogger(MessageHistoryProjector.class);
    private static final AvroCodec<MessageEvent> EVENTS = AvroCodec.of(MessageEvent.class);

    private final JdbcHistoryStore store;

    MessageHistoryProjector(KafkaClients clients, String topic, JdbcHistoryStore store) {
        super(clients, topic, "message-history");
        this.store = store;
    }

    @Override
    protected Map<TopicPartition, Long> storedPositions(List<TopicPartition> partitions) {
        Map<Integer, Long> next;
        try {
            next = store.nextOffsets();
        } catch (SQLException e) {
            throw new HistoryStoreException("history store unreadable: " + e.getMessage(), e);
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long offset = next.get(tp.partition());
            if (offset != null && offset > 0) {
                positions.put(tp, offset);
            }
        }
        log.info("message history resuming topic={} storedPartitions={} rebuild={}", topic(), positions.size(),
                positions.isEmpty());
        return positions;
    }

    @Override
    protected void apply(ConsumerRecord<String, byte[]> record) {
        applyBatch(List.of(record));
    }

    @Override
    protected void applyBatch(List<ConsumerRecord<String, byte[]>> records) {
        Map<Integer, List<JdbcHistoryStore.Entry>> byPartition = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                    .add(new JdbcHistoryStore.Entry(r.offset(), change(r)));
        }
        try {
            store.apply(byPartition);
        } catch (SQLException e) {
            throw new HistoryStoreException("history store write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public MessagePage page(String sessionId, int limit, int offset) {
        try {
            return store.page(sessionId, limit, offset);
        } catch (SQLException e) {
            throw new HistoryStoreException("history store read failed: " + e.getMessage(), e);
        }
    }

    /** The history's status of the message: as far as the projection has come, so possibly slightly behind. */
    @Override
    public Optional<MessageStatus> latestStatus(String sessionId, String messageId) {
        try {
            return Optional.ofNullable(store.latestStatus(sessionId, messageId));
        } catch (SQLException e) {
            throw new HistoryStoreException("history store read failed: " + e.getMessage(), e);
        }
    }

    private static MessageMedia media(ReceivedMedia m) {
        return m == null ? null : new MessageMedia(m.getMimetype(), m.getSize(), m.getFileName(), m.getSha256(),
                m.getDownloadPath(), m.getError());
    }

    /** Null for an event with nothing for the history (a tombstone, an unknown payload, undecodable bytes). */
    private static HistoryChange change(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        MessageEvent e;
        try {
            e = EVENTS.decode(record.value());
        } catch (RuntimeException ex) {
            log.error("message event undecodable, not in the history partition={} offset={} sessionId={} reason=\"{}\"",
                    record.partition(), record.offset(), record.key(), ex.toString());
            return null;
        }
        return switch (e.getPayload()) {
            case MessageReceived r -> new HistoryChange.Received(e.getSessionId(), e.getMessageId(),
                    r.getFromMe() ? "outbound" : "inbound", r.getFrom(), r.getTo(),
                    r.getChat() != null ? r.getChat() : r.getFrom(), r.getFromLid(), r.getPushName(), r.getType(),
                    r.getContent(), r.getSentAt(), r.getFromMe() ? MessageStatus.SENT : MessageStatus.DELIVERED,
                    media(r.getMedia()));
            case MessageStatusChanged s -> MessageStatus.fromWire(s.getStatus())
                    .map(status -> (HistoryChange) new HistoryChange.StatusChanged(e.getSessionId(), e.getMessageId(),
                            status, s.getError(), e.getOccurredAt(), s.getFrom(), s.getTo(), s.getType(),
                            s.getContent()))
                    .orElse(null);
            default -> null; // a payload newer than this build
        };
    }
}
