package com.wagateway.worker.replay;

import com.wagateway.worker.relay.DeadLetterHeaders;
import com.wagateway.worker.relay.DeliveryResult;
import com.wagateway.worker.relay.MappedEvent;
import com.wagateway.worker.relay.RelayTopics;
import com.wagateway.worker.relay.WebhookDelivery;
import com.wagateway.worker.relay.WebhookMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-sends events to the Backend's webhooks with the relay's own mapping and sender, so a replayed call is exactly
 * the call the relay made (same body, same {@code X-Event-Id}). Dead letters carry the original event bytes and
 * their source topic in headers. Events are sent one after the other; a failure is counted and the replay goes on.
 * The relay's consumer offsets are not touched, and dead letters stay on their topic (Kafka cannot delete one
 * record; a second replay re-sends them, which the Backend drops by event id).
 */
public final class Replayer {

    private static final Logger log = LoggerFactory.getLogger(Replayer.class);
    static final String DEAD_LETTERS = "wa.webhooks.dlt";
    static final String SESSION_EVENTS = "wa.session-events";
    static final String MESSAGE_EVENTS = "wa.message-events";

    private final ReplaySource source;
    private final WebhookMapper mapper;
    private final WebhookDelivery delivery;
    private final RelayTopics topics;
    private final String prefix;

    public Replayer(com.wagateway.worker.kafka.KafkaClients clients, WebhookMapper mapper, WebhookDelivery delivery,
                    RelayTopics topics, String topicPrefix) {
        this.source = new ReplaySource(clients);
        this.mapper = mapper;
        this.delivery = delivery;
        this.topics = topics;
        this.prefix = topicPrefix == null ? "" : topicPrefix;
    }

    /** @param progress told one line per {@value #PROGRESS_EVERY} events looked at */
    public ReplaySummary replay(ReplayRequest request, Consumer<String> progress) {
        List<String> read = topicsFor(request);
        AtomicLong seen = new AtomicLong();
        AtomicLong matched = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> failures = new ArrayList<>();
        progress.accept("replay started topics=" + read + " from=" + request.from() + " to=" + request.to()
                + " session=" + request.sessionId());
        source.read(read, request.from(), request.to(), record -> {
            long n = seen.incrementAndGet();
            if (request.sessionId() == null || request.sessionId().equals(record.key())) {
                matched.incrementAndGet();
                switch (resend(record)) {
                    case SENT -> sent.incrementAndGet();
                    case SKIPPED -> skipped.incrementAndGet();
                    case FAILED -> {
                        failed.incrementAndGet();
                        if (failures.size() < ReplaySummary.FAILED_LISTED) {
                            failures.add(eventLabel(record));
                        }
                    }
                }
            }
            if (n % PROGRESS_EVERY == 0) {
                progress.accept("replay progress read=" + n + " sent=" + sent.get() + " skipped=" + skipped.get()
                        + " failed=" + failed.get());
            }
        });
        ReplaySummary summary = new ReplaySummary(seen.get(), matched.get(), sent.get(), skipped.get(), failed.get(),
                List.copyOf(failures));
        progress.accept("replay done read=" + summary.read() + " matched=" + summary.matched() + " sent="
                + summary.sent() + " skipped=" + summary.skipped() + " failed=" + summary.failed());
        return summary;
    }

    static final int PROGRESS_EVERY = 100;

    private enum Outcome { SENT, SKIPPED, FAILED }

    private Outcome resend(ConsumerRecord<String, byte[]> record) {
        boolean deadLetter = record.topic().equals(topics.deadLetters());
        String sourceTopic = deadLetter ? DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.SOURCE_TOPIC)
                : record.topic();
        MappedEvent event;
        try {
            event = mapper.map(sourceTopic, record.value());
        } catch (RuntimeException e) {
            log.warn("replay cannot read event sessionId={} topic={} partition={} offset={} cause=\"{}\"", record.key(),
                    record.topic(), record.partition(), record.offset(), e.toString());
            return Outcome.FAILED;
        }
        if (event.skipped()) {
            return Outcome.SKIPPED;
        }
        try {
            DeliveryResult result = delivery.deliver(event.call(), retrying -> { });
            if (result.delivered()) {
                log.info("replay delivered kind={} sessionId={} eventId={}", event.call().kind().tag(),
                        event.sessionId(), event.eventId());
                return Outcome.SENT;
            }
            log.warn("replay not delivered kind={} sessionId={} eventId={} reason={} last=\"{}\"",
                    event.call().kind().tag(), event.sessionId(), event.eventId(), result.giveUpReason(),
                    result.last().describe());
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }

    private static String eventLabel(ConsumerRecord<String, byte[]> record) {
        String id = DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.EVENT_ID);
        return id != null ? id : record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private List<String> topicsFor(ReplayRequest request) {
        if (request.topic() == null || request.topic().isBlank()) {
            return List.of(topics.sessionEvents(), topics.messageEvents());
        }
        String t = request.topic().strip();
        String full = switch (t) {
            case DEAD_LETTERS, SESSION_EVENTS, MESSAGE_EVENTS -> prefix + t;
            default -> t;
        };
        if (!full.equals(topics.deadLetters()) && !full.equals(topics.sessionEvents())
                && !full.equals(topics.messageEvents())) {
            throw new IllegalArgumentException("topic must be " + DEAD_LETTERS + ", " + SESSION_EVENTS + " or "
                    + MESSAGE_EVENTS + ", was " + t);
        }
        return List.of(full);
    }
}
