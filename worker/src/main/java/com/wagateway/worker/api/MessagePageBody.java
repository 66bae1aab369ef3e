package com.wagateway.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.wagateway.worker.message.MessageMedia;
import com.wagateway.worker.message.MessagePage;
import com.wagateway.worker.message.MessageRecord;
import java.time.Instant;
import java.util.List;

/** {@code data} of {@code GET /messages}: the spec's field names, nulls omitted. */
public record MessagePageBody(List<Entry> messages, long total, boolean hasMore) {

    static MessagePageBody of(MessagePage page) {
        return new MessagePageBody(page.messages().stream().map(Entry::of).toList(), page.total(), page.hasMore());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String id, String direction, String from, String to, String type, String content,
                        Instant timestamp, String status, String chat, String fromLid, String pushName, String error,
                        Media media) {

        static Entry of(MessageRecord r) {
            return new Entry(r.id(), r.direction(), r.from(), r.to(), r.type(), r.content(), r.timestamp(), r.status(),
                    r.chat(), r.fromLid(), r.pushName(), r.error(), Media.of(r.media()));
        }
    }

    /** A received media file: {@code url} is {@code GET /api/session/{id}/media/{messageId}}, or {@code error}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String mimetype, Long size, String fileName, String sha256, String url, String error) {

        static Media of(MessageMedia m) {
            return m == null ? null : new Media(m.mimetype(), m.size(), m.fileName(), m.sha256(), m.url(), m.error());
        }
    }
}
