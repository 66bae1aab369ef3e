package com.wagateway.worker.message;

import java.time.Instant;

/**
 * One entry of {@code GET /messages}; field names are the spec's, plus (beyond the spec, null when unknown) the
 * conversation, the sender's LID, the sender's push name and a failed message's reason.
 */
public record MessageRecord(String id, String direction, String from, String to, String type, String content,
                            Instant timestamp, String status, String chat, String fromLid, String pushName,
                            String error) {

    public MessageRecord(String id, String direction, String from, String to, String type, String content,
                         Instant timestamp, String status) {
        this(id, direction, from, to, type, content, timestamp, status, null, null, null, null);
    }
}
