package com.wagateway.worker.message;

import java.util.List;

public record MessagePage(List<MessageRecord> messages, long total, boolean hasMore) {}
