package com.wagateway.worker.relay;

import com.wagateway.worker.avro.CommandFailed;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.ReceivedMedia;
import com.wagateway.worker.avro.SessionDeleted;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionStatusChanged;
import com.wagateway.worker.kafka.AvroCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an event record of {@code wa.session-events} or {@code wa.message-events} into the spec's webhook call,
 * with exactly the spec's field names (extra fields: {@code eventId}, {@code workerId}, {@code previousStatus}).
 * Optional fields are left out when they have no value. What has no webhook (docs/webhooks.md):
 * a deleted session (the Backend asked for it and got the answer over REST), a failed command other than create or
 * restart (a failed send already has its {@code failed} message status; the others are answered over REST), and a
 * message status {@code pending}, which never leaves the worker.
 */
public final class WebhookMapper {

    static final Set<String> FAILED_COMMANDS_AS_ERROR = Set.of("create", "restart");

    private static final AvroCodec<SessionEvent> SESSION_EVENTS = AvroCodec.of(SessionEvent.class);
    private static final AvroCodec<MessageEvent> MESSAGE_EVENTS = AvroCodec.of(MessageEvent.class);

    private final RelayProperties properties;
    private final String sessionEventsTopic;
    private final String messageEventsTopic;
    private final JsonMapper json = JsonMapper.builder().build();

    public WebhookMapper(RelayProperties properties, String sessionEventsTopic, String messageEventsTopic) {
        this.properties = properties;
        this.sessionEventsTopic = sessionEventsTopic;
        this.messageEventsTopic = messageEventsTopic;
    }

    /** @throws RuntimeException when the bytes are not an event this build can read (the caller dead-letters it) */
    public MappedEvent map(String topic, byte[] value) {
        if (sessionEventsTopic.equals(topic)) {
            return session(SESSION_EVENTS.decode(value));
        }
        if (messageEventsTopic.equals(topic)) {
            return message(MESSAGE_EVENTS.decode(value));
        }
        throw new IllegalArgumentException("not an event topic: " + topic);
    }

    private MappedEvent session(SessionEvent e) {
        Object payload = e.getPayload();
        if (payload instanceof SessionStatusChanged s) {
            Map<String, Object> body = base(e.getSessionId());
            body.put("status", s.getStatus());
            putIfSet(body, "phoneNumber", s.getPhoneNumber());
            putIfSet(body, "qrCode", s.getQrCode());
            putIfSet(body, "qrString", s.getQrString());
            body.put("timestamp", iso(e.getOccurredAt()));
            putIfSet(body, "error", s.getError());
            putIfSet(body, "previousStatus", s.getPreviousStatus());
            putIfSet(body, "pairingCode", s.getPairingCode()); // beyond the spec: phone-number pairing
            return call(WebhookKind.SESSION_STATUS, "session.status_changed", e.getEventId(), e.getSessionId(),
                    e.getWorkerId(), e.getOccurredAt(), body);
        }
        if (payload instanceof CommandFailed f) {
            if (!FAILED_COMMANDS_AS_ERROR.contains(f.getCommandType())) {
                return MappedEvent.skip(e.getEventId(), "session.command_failed", e.getSessionId(),
                        "no webhook for a failed " + f.getCommandType());
            }
            Map<String, Object> body = base(e.getSessionId());
            body.put("status", "error");
            body.put("timestamp", iso(e.getOccurredAt()));
            body.put("error", f.getReason());
            return call(WebhookKind.SESSION_STATUS, "session.command_failed", e.getEventId(), e.getSessionId(),
                    e.getWorkerId(), e.getOccurredAt(), body);
        }
        if (payload instanceof SessionDeleted) {
            return MappedEvent.skip(e.getEventId(), "session.deleted", e.getSessionId(), "no webhook for a deletion");
        }
        return MappedEvent.skip(e.getEventId(), "session.unknown", e.getSessionId(), "unknown payload");
    }

    private MappedEvent message(MessageEvent e) {
        Object payload = e.getPayload();
        if (payload instanceof MessageStatusChanged s) {
            if ("pending".equals(s.getStatus())) {
                return MappedEvent.skip(e.getEventId(), "message.status_changed", e.getSessionId(), "pending");
            }
            Map<String, Object> body = base(e.getSessionId());
            body.put("messageId", e.getMessageId());
            body.put("status", s.getStatus());
            body.put("timestamp", iso(e.getOccurredAt()));
            putIfSet(body, "error", s.getError());
            return call(WebhookKind.MESSAGE_STATUS, "message.status_changed", e.getEventId(), e.getSessionId(),
                    e.getWorkerId(), e.getOccurredAt(), body);
        }
        if (payload instanceof MessageReceived r) {
            Map<String, Object> body = base(e.getSessionId());
            body.put("messageId", e.getMessageId());
            body.put("from", r.getFrom());
            putIfSet(body, "to", r.getTo());
            body.put("type", r.getType());
            putIfSet(body, "content", r.getContent());
            body.put("timestamp", iso(r.getSentAt()));
            putIfSet(body, "chat", r.getChat());
            putIfSet(body, "fromLid", r.getFromLid());
            putIfSet(body, "pushName", r.getPushName());
            if (r.getFromMe()) {
                body.put("fromMe", true);
            }
            if (r.getMedia() != null) {
                body.put("media", media(r.getMedia(), r.getContent()));
            }
            return call(WebhookKind.MESSAGE, "message.received", e.getEventId(), e.getSessionId(), e.getWorkerId(),
                    e.getOccurredAt(), body);
        }
        return MappedEvent.skip(e.getEventId(), "message.unknown", e.getSessionId(), "unknown payload");
    }

    private MappedEvent call(WebhookKind kind, String type, String eventId, String sessionId, String workerId,
                             Instant occurredAt, Map<String, Object> body) {
        RelayProperties.Kind settings = properties.of(kind);
        if (!settings.enabled()) {
            return MappedEvent.skip(eventId, type, sessionId, kind.tag() + " webhook switched off");
        }
        body.put("eventId", eventId);
        body.put("workerId", workerId);
        return MappedEvent.send(new WebhookCall(kind, settings.path(), eventId, type, sessionId, occurredAt,
                json.writeValueAsBytes(body)));
    }

    /** The stored file's description; {@code caption} repeats {@code content} so the object stands on its own. */
    private static Map<String, Object> media(ReceivedMedia m, String caption) {
        Map<String, Object> media = new LinkedHashMap<>();
        putIfSet(media, "mimetype", m.getMimetype());
        if (m.getSize() != null) {
            media.put("size", m.getSize());
        }
        putIfSet(media, "fileName", m.getFileName());
        putIfSet(media, "caption", caption);
        putIfSet(media, "sha256", m.getSha256());
        putIfSet(media, "url", m.getDownloadPath());
        if (m.getSeconds() != null) {
            media.put("seconds", m.getSeconds());
        }
        if (m.getWidth() != null && m.getHeight() != null) {
            media.put("width", m.getWidth());
            media.put("height", m.getHeight());
        }
        if (m.getVoiceNote()) {
            media.put("voiceNote", true);
        }
        putIfSet(media, "error", m.getError());
        return media;
    }

    private static Map<String, Object> base(String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", sessionId);
        return body;
    }

    private static void putIfSet(Map<String, Object> body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static String iso(Instant at) {
        return at.toString();
    }
}
