package com.wagateway.worker.message;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The message read models every worker keeps from {@code wa.message-events} (all partitions, from the beginning of
 * the topic's retention): the outcome of each send for {@link SendOutcomes}, and each session's recent messages for
 * {@link MessageHistory}.
 *
 * <p>Memory is bounded: outcomes of the last {@value #OUTCOMES_KEPT} messages; per session the newest
 * {@value #HISTORY_PER_SESSION} messages, for the {@value #SESSIONS_KEPT} sessions with the most recent traffic;
 * {@code content} cut to {@value #CONTENT_KEPT} characters. That is at most about 100,000 history entries (some
 * hundred MB in the worst case of long texts, a few MB typically). {@code total} counts what the model holds.
 */
public final class MessageEventsView extends TopicTail implements SendOutcomes, MessageHistory {

    static final int OUTCOMES_KEPT = 100_000;
    static final int HISTORY_PER_SESSION = 200;
    static final int SESSIONS_KEPT = 500;
    static final int CONTENT_KEPT = 1_000;
    private static final AvroCodec<MessageEvent> EVENTS = AvroCodec.of(MessageEvent.class);

    private final Map<String, SendOutcome> outcomes = Collections.synchronizedMap(lru(OUTCOMES_KEPT));
    private final Map<String, CompletableFuture<SendOutcome>> waiters = new ConcurrentHashMap<>();
    private final Map<String, SessionMessages> histories = Collections.synchronizedMap(lru(SESSIONS_KEPT));

    public MessageEventsView(KafkaClients clients, String topic) {
        super(clients, topic, "message-events");
    }

    @Override
    protected void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        MessageEvent e = EVENTS.decode(record.value());
        switch (e.getPayload()) {
            case MessageStatusChanged s -> statusChanged(e, s);
            case MessageReceived r -> history(e.getSessionId()).put(new MessageRecord(e.getMessageId(), "inbound",
                    r.getFrom(), r.getTo(), r.getType(), cut(r.getContent()), r.getSentAt(), MessageStatus.DELIVERED.wire()));
            default -> { } // a payload type newer than this build: nothing to show
        }
    }

    private void statusChanged(MessageEvent e, MessageStatusChanged s) {
        MessageStatus status = status(s.getStatus());
        boolean final_ = status == MessageStatus.SENT || status == MessageStatus.FAILED;
        boolean later = status == MessageStatus.DELIVERED || status == MessageStatus.READ;
        // the engine's sent/failed is the send outcome; a delivered/read seen first (replay order) implies sent
        if (final_ || later && !outcomes.containsKey(e.getMessageId())) {
            SendOutcome outcome = new SendOutcome(e.getMessageId(), status, e.getOccurredAt(), s.getError());
            outcomes.put(e.getMessageId(), outcome);
            CompletableFuture<SendOutcome> w = waiters.remove(e.getMessageId());
            if (w != null) {
                w.complete(outcome);
            }
        }
        SessionMessages h = history(e.getSessionId());
        if (s.getTo() != null) {
            h.put(new MessageRecord(e.getMessageId(), "outbound", s.getFrom(), s.getTo(), s.getType(),
                    cut(s.getContent()), e.getOccurredAt(), status.wire()));
        } else {
            h.updateStatus(e.getMessageId(), status.wire());
        }
    }

    @Override
    public SendOutcome await(String messageId, Duration timeout) {
        CompletableFuture<SendOutcome> waiter = waiters.computeIfAbsent(messageId, id -> new CompletableFuture<>());
        SendOutcome known = outcomes.get(messageId);
        if (known != null) {
            waiters.remove(messageId, waiter);
            return known;
        }
        try {
            return waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            waiters.remove(messageId, waiter);
            return new SendOutcome(messageId, MessageStatus.PENDING, Instant.now(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome(messageId, MessageStatus.PENDING, Instant.now(), null);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MessagePage page(String sessionId, int limit, int offset) {
        SessionMessages h = histories.get(sessionId);
        if (h == null) {
            return new MessagePage(List.of(), 0, false);
        }
        return h.page(Math.max(0, limit), Math.max(0, offset));
    }

    private SessionMessages history(String sessionId) {
        synchronized (histories) {
            return histories.computeIfAbsent(sessionId, id -> new SessionMessages());
        }
    }

    private static MessageStatus status(String wire) {
        for (MessageStatus s : MessageStatus.values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        return MessageStatus.PENDING;
    }

    private static String cut(String content) {
        return content == null || content.length() <= CONTENT_KEPT ? content : content.substring(0, CONTENT_KEPT);
    }

    private static <V> LinkedHashMap<String, V> lru(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** One session's newest messages, by message id, oldest first inside (pages are served newest first). */
    private static final class SessionMessages {
        private final LinkedHashMap<String, MessageRecord> byId = new LinkedHashMap<>();

        synchronized void put(MessageRecord m) {
            MessageRecord previous = byId.remove(m.id());
            if (previous != null && "outbound".equals(m.direction()) && rank(previous.status()) > rank(m.status())) {
                m = new MessageRecord(m.id(), m.direction(), m.from(), m.to(), m.type(), m.content(),
                        m.timestamp(), previous.status());
            }
            byId.put(m.id(), m);
            while (byId.size() > HISTORY_PER_SESSION) {
                byId.remove(byId.keySet().iterator().next());
            }
        }

        synchronized void updateStatus(String id, String status) {
            MessageRecord m = byId.get(id);
            if (m != null && rank(status) >= rank(m.status())) {
                byId.put(id, new MessageRecord(m.id(), m.direction(), m.from(), m.to(), m.type(), m.content(),
                        m.timestamp(), status));
            }
        }

        synchronized MessagePage page(int limit, int offset) {
            List<MessageRecord> newestFirst = new ArrayList<>(byId.values());
            Collections.reverse(newestFirst);
            int from = Math.min(offset, newestFirst.size());
            int to = Math.min(from + limit, newestFirst.size());
            return new MessagePage(List.copyOf(newestFirst.subList(from, to)), newestFirst.size(), to < newestFirst.size());
        }

        /** Statuses only move forward: a late "sent" never hides "read". failed is final too. */
        private static int rank(String status) {
            return switch (status) {
                case "pending" -> 0;
                case "sent" -> 1;
                case "delivered" -> 2;
                case "read" -> 3;
                case "failed" -> 4;
                default -> 1;
            };
        }
    }
}
