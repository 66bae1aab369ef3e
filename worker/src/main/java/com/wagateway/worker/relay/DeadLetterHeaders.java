package com.wagateway.worker.relay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Header names of a {@code wa.webhooks.dlt} record (UTF-8 string values); docs/webhooks.md lists them. */
public final class DeadLetterHeaders {

    public static final String SOURCE_TOPIC = "wa.dlt.source-topic";
    public static final String SOURCE_PARTITION = "wa.dlt.source-partition";
    public static final String SOURCE_OFFSET = "wa.dlt.source-offset";
    public static final String EVENT_ID = "wa.dlt.event-id";
    public static final String EVENT_TYPE = "wa.dlt.event-type";
    public static final String KIND = "wa.dlt.kind";
    public static final String REASON = "wa.dlt.reason";
    public static final String LAST_STATUS = "wa.dlt.last-status";
    public static final String LAST_BODY = "wa.dlt.last-body";
    public static final String CALLS = "wa.dlt.calls";
    public static final String PARKED_AT = "wa.dlt.parked-at";
    public static final String WORKER_ID = "wa.dlt.worker-id";

    private DeadLetterHeaders() {}

    public static String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
