package com.wagateway.worker.events;

import com.wagateway.worker.avro.CommandFailed;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.ReceivedMedia;
import com.wagateway.worker.avro.SessionDeleted;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionState;
import com.wagateway.worker.avro.SessionStatusChanged;
import com.wagateway.worker.connector.ConnectionListener.InboundMedia;
import com.wagateway.worker.connector.ConnectionListener.InboundMessage;
import com.wagateway.worker.engine.AppliedCommands;
import com.wagateway.worker.engine.SessionSnapshot;
import com.wagateway.worker.kafka.AvroCodec;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.message.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's output: session events, the session's latest state, message events. Each call returns only once
 * every record it produced is acknowledged ({@code acks=all}), so the command that caused them may be committed.
 * When Kafka is unreachable it keeps retrying (the session waits, its order is kept, nothing is skipped) until it
 * succeeds or the worker shuts down ({@link PublisherClosedException}: the command stays uncommitted and is
 * redelivered). Retries can duplicate an event; every event has an {@code eventId} for consumers to drop those.
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    private static final AvroCodec<SessionEvent> SESSION_EVENTS = AvroCodec.of(SessionEvent.class);
    private static final AvroCodec<SessionState> SESSION_STATE = AvroCodec.of(SessionState.class);
    private static final AvroCodec<MessageEvent> MESSAGE_EVENTS = AvroCodec.of(MessageEvent.class);

    private final KafkaProducer<String, byte[]> producer;
    private final TopicNames topics;
    private final String workerId;
    private final Clock clock;
    private volatile boolean closed;

    public EventPublisher(KafkaClients clients, TopicNames topics, Clock clock) {
        this.producer = clients.producer("events", new ByteArraySerializer(),
                Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
        this.topics = topics;
        this.workerId = clients.workerId();
        this.clock = clock;
    }

    /**
     * Publishes a status change: an event on {@code wa.session-events} and the new state on {@code wa.session-state}.
     *
     * @return the state as published (stamped with event id, time and this worker)
     */
    public SessionSnapshot statusChanged(SessionSnapshot previous, SessionSnapshot next, String commandId) {
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        SessionSnapshot stamped = next.stamped(workerId, eventId, now, true);
        SessionStatusChanged change = SessionStatusChanged.newBuilder()
                .setStatus(next.status().wire())
                .setPreviousStatus(previous == null ? null : previous.status().wire())
                .setPhoneNumber(next.phoneNumber()).setQrCode(next.qrCode()).setQrString(next.qrString())
                .setError(next.error()).build();
        SessionEvent event = sessionEvent(eventId, next.sessionId(), now, commandId, change);
        send(List.of(
                new ProducerRecord<>(topics.sessionEvents(), next.sessionId(), SESSION_EVENTS.encode(event)),
                new ProducerRecord<>(topics.sessionState(), next.sessionId(), SESSION_STATE.encode(StateRecords.toAvro(stamped)))));
        log.info("session status published sessionId={} status={} previous={} commandId={} eventId={}",
                next.sessionId(), next.status().wire(), previous == null ? null : previous.status().wire(), commandId, eventId);
        return stamped;
    }

    /**
     * The answer to a pairing-code request: a {@code SessionStatusChanged} event with the code and the unchanged
     * status (so the session-status webhook carries it too), and the state with the command applied. The code is
     * not kept in the state: it is only worth something to the caller waiting for it, for a few minutes.
     *
     * @return the state as published
     */
    public SessionSnapshot pairingCode(SessionSnapshot state, String pairingCode, String commandId) {
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        SessionSnapshot stamped = state.stamped(workerId, eventId, now, true);
        SessionStatusChanged change = SessionStatusChanged.newBuilder()
                .setStatus(state.status().wire()).setPreviousStatus(state.status().wire())
                .setPhoneNumber(state.phoneNumber()).setQrCode(state.qrCode()).setQrString(state.qrString())
                .setError(state.error()).setPairingCode(pairingCode).build();
        SessionEvent event = sessionEvent(eventId, state.sessionId(), now, commandId, change);
        send(List.of(
                new ProducerRecord<>(topics.sessionEvents(), state.sessionId(), SESSION_EVENTS.encode(event)),
                new ProducerRecord<>(topics.sessionState(), state.sessionId(), SESSION_STATE.encode(StateRecords.toAvro(stamped)))));
        log.info("pairing code published sessionId={} commandId={} eventId={}", state.sessionId(), commandId, eventId);
        return stamped;
    }

    /** The state changed without a status change (a command was applied, there was activity): state topic only. */
    public SessionSnapshot stateUpdated(SessionSnapshot next, boolean activity) {
        SessionSnapshot stamped = next.stamped(workerId, UUID.randomUUID().toString(), clock.instant(), activity);
        send(List.of(new ProducerRecord<>(topics.sessionState(), next.sessionId(),
                SESSION_STATE.encode(StateRecords.toAvro(stamped)))));
        return stamped;
    }

    /** The session is gone: a {@code SessionDeleted} event and a tombstone that keeps the applied-command memory. */
    public void sessionDeleted(String sessionId, AppliedCommands applied, String commandId) {
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        SessionEvent event = sessionEvent(eventId, sessionId, now, commandId, new SessionDeleted());
        ProducerRecord<String, byte[]> tombstone = new ProducerRecord<>(topics.sessionState(), null, sessionId, null,
                StateRecords.tombstoneHeaders(applied));
        send(List.of(new ProducerRecord<>(topics.sessionEvents(), sessionId, SESSION_EVENTS.encode(event)), tombstone));
        log.info("session deleted published sessionId={} commandId={} eventId={}", sessionId, commandId, eventId);
    }

    public void commandFailed(String sessionId, String commandId, String commandType, String reason) {
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        CommandFailed failed = CommandFailed.newBuilder().setCommandType(commandType).setReason(reason).build();
        send(List.of(new ProducerRecord<>(topics.sessionEvents(), sessionId,
                SESSION_EVENTS.encode(sessionEvent(eventId, sessionId, now, commandId, failed)))));
        log.warn("command failed sessionId={} commandId={} type={} reason=\"{}\" eventId={}",
                sessionId, commandId, commandType, reason, eventId);
    }

    /** A message status; {@code outbound} carries the message's details on the engine's first event for it. */
    public void messageStatus(String sessionId, String messageId, String commandId, MessageStatus status, String error,
                              Instant at, OutboundDetails outbound) {
        MessageStatusChanged.Builder change = MessageStatusChanged.newBuilder().setStatus(status.wire()).setError(error);
        if (outbound != null) {
            change.setFrom(outbound.from()).setTo(outbound.to()).setType(outbound.type()).setContent(outbound.content());
        }
        String eventId = UUID.randomUUID().toString();
        MessageEvent event = MessageEvent.newBuilder().setEventId(eventId).setSessionId(sessionId)
                .setWorkerId(workerId).setOccurredAt(at == null ? clock.instant() : at).setCommandId(commandId)
                .setMessageId(messageId).setPayload(change.build()).build();
        send(List.of(new ProducerRecord<>(topics.messageEvents(), sessionId, MESSAGE_EVENTS.encode(event))));
        log.info("message status published sessionId={} messageId={} status={} eventId={}",
                sessionId, messageId, status.wire(), eventId);
    }

    /** Publishes {@code message received} and waits for the acknowledgement, retrying like every other event. */
    public void messageReceived(String sessionId, InboundMessage m) {
        MessageEvent event = receivedEvent(sessionId, m);
        send(List.of(new ProducerRecord<>(topics.messageEvents(), sessionId, MESSAGE_EVENTS.encode(event))));
        log.info("message received published sessionId={} messageId={} eventId={}", sessionId, m.messageId(),
                event.getEventId());
    }

    /**
     * Publishes {@code message received} without blocking the caller: the future completes when Kafka acknowledged
     * the record ({@code acks=all}; the producer's own retries within its delivery timeout included) and fails when
     * it did not (refused, timed out, publisher closed). It does not retry beyond the producer: the caller's
     * answer to a failure is that WhatsApp delivers the message again. Records of one session keep their order
     * (one idempotent producer, one partition per session).
     */
    public CompletableFuture<Void> messageReceivedAsync(String sessionId, InboundMessage m) {
        if (closed) {
            return CompletableFuture.failedFuture(new PublisherClosedException("event publisher closed"));
        }
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            MessageEvent event = receivedEvent(sessionId, m);
            producer.send(new ProducerRecord<>(topics.messageEvents(), sessionId, MESSAGE_EVENTS.encode(event)),
                    (metadata, error) -> {
                        if (error != null) {
                            acked.completeExceptionally(error);
                            return;
                        }
                        log.info("message received published sessionId={} messageId={} eventId={}", sessionId,
                                m.messageId(), event.getEventId());
                        acked.complete(null);
                    });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private MessageEvent receivedEvent(String sessionId, InboundMessage m) {
        MessageReceived received = MessageReceived.newBuilder().setFrom(m.from()).setTo(m.to()).setType(m.type())
                .setContent(m.content()).setSentAt(m.sentAt() == null ? clock.instant() : m.sentAt())
                .setChat(m.chat()).setFromLid(m.fromLid()).setPushName(m.pushName()).setFromMe(m.fromMe())
                .setMedia(media(m.media())).build();
        return MessageEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setSessionId(sessionId)
                .setWorkerId(workerId).setOccurredAt(clock.instant()).setMessageId(m.messageId())
                .setPayload(received).build();
    }

    private static ReceivedMedia media(InboundMedia m) {
        if (m == null) {
            return null;
        }
        return ReceivedMedia.newBuilder().setMimetype(m.mimetype()).setSize(m.size()).setFileName(m.fileName())
                .setSha256(m.sha256()).setDownloadPath(m.downloadPath()).setSeconds(m.seconds()).setWidth(m.width())
                .setHeight(m.height()).setVoiceNote(m.voiceNote()).setError(m.error()).build();
    }

    /** Details of an outbound message for the read model; {@code content} is the text or the media caption. */
    public record OutboundDetails(String from, String to, String type, String content) {}

    private SessionEvent sessionEvent(String eventId, String sessionId, Instant at, String commandId, Object payload) {
        return SessionEvent.newBuilder().setEventId(eventId).setSessionId(sessionId).setWorkerId(workerId)
                .setOccurredAt(at).setCommandId(commandId).setPayload(payload).build();
    }

    private void send(List<ProducerRecord<String, byte[]>> records) {
        List<ProducerRecord<String, byte[]>> pending = records;
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            if (closed) {
                throw new PublisherClosedException("event publisher closed with " + pending.size() + " records unsent");
            }
            List<Future<?>> futures = new ArrayList<>();
            for (ProducerRecord<String, byte[]> r : pending) {
                try {
                    futures.add(producer.send(r));
                } catch (RuntimeException e) {
                    futures.add(CompletableFuture.failedFuture(e));
                }
            }
            List<ProducerRecord<String, byte[]>> failed = new ArrayList<>();
            Throwable cause = null;
            for (int i = 0; i < pending.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    failed.add(pending.get(i));
                    cause = e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PublisherClosedException("interrupted while publishing");
                }
            }
            if (failed.isEmpty()) {
                return;
            }
            if (cause != null && !(cause instanceof RetriableException)) {
                // e.g. a record too large or not authorised: retrying cannot help; the command is reported failed
                throw new IllegalStateException("kafka refused the event: " + cause, cause);
            }
            log.warn("publish failed, retrying records={} sessionId={} backoffMs={} cause=\"{}\"", failed.size(),
                    failed.getFirst().key(), backoff.toMillis(), cause == null ? "send refused" : cause.toString());
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublisherClosedException("interrupted while publishing");
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            pending = failed;
        }
    }

    @Override
    public void close() {
        closed = true;
        producer.close(Duration.ofSeconds(5));
    }
}
