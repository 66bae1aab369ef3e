package com.wagateway.worker.relay;

/**
 * What the relay makes of one event record: a call, or the reason it sends none (a kind switched off, an event the
 * Backend has no webhook for). Either way the ids are known, for the log line and the counters.
 */
public record MappedEvent(String eventId, String eventType, String sessionId, WebhookCall call, String skipReason) {

    static MappedEvent send(WebhookCall call) {
        return new MappedEvent(call.eventId(), call.eventType(), call.sessionId(), call, null);
    }

    static MappedEvent skip(String eventId, String eventType, String sessionId, String reason) {
        return new MappedEvent(eventId, eventType, sessionId, null, reason);
    }

    public boolean skipped() {
        return call == null;
    }
}
