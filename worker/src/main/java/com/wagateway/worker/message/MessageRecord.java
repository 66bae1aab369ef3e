package com.wagateway.worker.message;

import java.time.Instant;

/**
 * One entry of {@code GET /messages}; field names are the spec's, plus (beyond the spec, null when unknown) the
 * conversation, the sender's LID, the sender's push name, a failed message's reason and a received media file.
 */
public record MessageRecord(String id, String direction, String from, String to, String type, String content,
                            Instant timestamp, String status, String chat, String fromLid, String pushName,
                            String error, MessageMedia media) {

    public MessageRecord(String id, String direction, String from, String to, String type, String content,
                         Instant timestamp, String status, String chat, String fromLid, String pushName,
                         String error) {
        this(id, direction, from, to, type, content, timestamp, status, chat, fromLid, pushName, error, null);
    }

    public MessageRecord(String id, String direction, String from, String to, String type, String content,
                         Instant timestamp, String status) {
        this(id, direction, from, to, type, content, timestamp, status, null, null, null, null, null);
    }
}
