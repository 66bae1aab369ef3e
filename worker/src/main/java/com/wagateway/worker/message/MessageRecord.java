package com.wagateway.worker.message;

import java.time.Instant;

/** One entry of {@code GET /messages}; field names are the spec's. */
public record MessageRecord(String id, String direction, String from, String to, String type, String content,
                            Instant timestamp, String status) {}
