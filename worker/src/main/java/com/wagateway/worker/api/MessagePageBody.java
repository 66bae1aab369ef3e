package com.wagateway.worker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
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
                        Instant timestamp, String status, String chat, String fromLid, String pushName, String error) {

        static Entry of(MessageRecord r) {
            return new Entry(r.id(), r.direction(), r.from(), r.to(), r.type(), r.content(), r.timestamp(), r.status(),
                    r.chat(), r.fromLid(), r.pushName(), r.error());
        }
    }
}
