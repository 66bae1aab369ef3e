package com.wagateway.worker.relay;

import com.wagateway.worker.relay.DeadLetterPublisher.DeadLetter;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one event record: maps it, delivers it, or parks it in the dead-letter topic. Returns only when the
 * record is settled (its offset may then be committed); every ending is counted and logged with sessionId and
 * eventId (deliveries at DEBUG: at thousands per second they would drown the rest; the counter has them).
 */
public final class EventForwarder {

    private static final Logger log = LoggerFactory.getLogger(EventForwarder.class);

    private final WebhookMapper mapper;
    private final WebhookDelivery delivery;
    private final DeadLetterPublisher deadLetters;
    private final RelayMetrics metrics;
    private final Clock clock;

    public EventForwarder(WebhookMapper mapper, WebhookDelivery delivery, DeadLetterPublisher deadLetters,
                          RelayMetrics metrics, Clock clock) {
        this.mapper = mapper;
        this.delivery = delivery;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void settle(ConsumerRecord<String, byte[]> record, Consumer<Boolean> retrying) throws InterruptedException {
        MappedEvent event;
        try {
            event = mapper.map(record.topic(), record.value());
        } catch (RuntimeException e) {
            // unreadable (a schema this build does not know, corrupt bytes): parked, never dropped
            log.error("event undecodable, dead-lettered sessionId={} topic={} partition={} offset={} cause=\"{}\"",
                    record.key(), record.topic(), record.partition(), record.offset(), e.toString());
            deadLetters.publish(record, new DeadLetter(null, null, "unknown", "undecodable", null, e.toString(), 0));
            metrics.deadLetter("unknown", "undecodable");
            metrics.event("unknown", "dead_lettered");
            return;
        }
        if (event.skipped()) {
            log.debug("event not relayed sessionId={} eventId={} type={} reason=\"{}\"", event.sessionId(),
                    event.eventId(), event.eventType(), event.skipReason());
            metrics.event("none", "skipped");
            return;
        }
        WebhookCall call = event.call();
        DeliveryResult result = delivery.deliver(call, retrying);
        if (result.delivered()) {
            metrics.delivered(call.kind(), Duration.between(call.occurredAt(), clock.instant()));
            metrics.event(call.kind().tag(), "delivered");
            log.debug("webhook delivered kind={} sessionId={} eventId={}", call.kind().tag(), call.sessionId(),
                    call.eventId());
            return;
        }
        DeliveryAttempt last = result.last();
        deadLetters.publish(record, new DeadLetter(call.eventId(), call.eventType(), call.kind().tag(),
                result.giveUpReason(), last.status() > 0 ? Integer.toString(last.status()) : last.error(), last.body(),
                result.calls()));
        metrics.deadLetter(call.kind().tag(), result.giveUpReason());
        metrics.event(call.kind().tag(), "dead_lettered");
        log.warn("webhook dead-lettered kind={} sessionId={} eventId={} reason={} last=\"{}\" topic={}",
                call.kind().tag(), call.sessionId(), call.eventId(), result.giveUpReason(), last.describe(),
                deadLetters.topic());
    }
}
