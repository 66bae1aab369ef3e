package com.wagateway.worker.message;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The send outcomes every worker keeps from {@code wa.message-events} (all partitions, from the beginning of the
 * topic's retention), for {@link SendOutcomes}: a REST send waits here for the engine's outcome of its message. The
 * history is another read model ({@code history.MessageHistoryProjector}, in a JDBC database).
 *
 * <p>Memory is bounded: outcomes of the last {@value #OUTCOMES_KEPT} messages.
 */
public final class MessageEventsView extends TopicTail implements SendOutcomes {

    static final int OUTCOMES_KEPT = 100_000;
    private static final AvroCodec<MessageEvent> EVENTS = AvroCodec.of(MessageEvent.class);

    private final Map<String, SendOutcome> outcomes = Collections.synchronizedMap(lru(OUTCOMES_KEPT));
    private final Map<String, CompletableFuture<SendOutcome>> waiters = new ConcurrentHashMap<>();

    public MessageEventsView(KafkaClients clients, String topic) {
        super(clients, topic, "message-events");
    }

    @Override
    protected void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        MessageEvent e = EVENTS.decode(record.value());
        if (e.getPayload() instanceof MessageStatusChanged s) {
            statusChanged(e, s);
        }
    }

    private void statusChanged(MessageEvent e, MessageStatusChanged s) {
        MessageStatus status = MessageStatus.fromWire(s.getStatus()).orElse(MessageStatus.PENDING);
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

    private static <V> LinkedHashMap<String, V> lru(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
