package com.wagateway.worker.message;

/** Read model of a session's messages, newest first, built from {@code wa.message-events}. */
public interface MessageHistory {

    MessagePage page(String sessionId, int limit, int offset);
}
