package com.wagateway.worker.message;

import java.util.Optional;

/**
 * The latest status a message is known to have, from a read model of {@code wa.message-events} (the history). The
 * engine asks it when its own short memory does not know a message (after a restart, a take-over, or for an older
 * message), so a late receipt is not published backwards. The read model may be slightly behind the topic.
 */
public interface MessageStatusLookup {

    /** Empty when the message is not known (or not yet projected). */
    Optional<MessageStatus> latestStatus(String sessionId, String messageId);

    /** Knows nothing: every receipt the engine does not remember is published. */
    MessageStatusLookup NONE = (sessionId, messageId) -> Optional.empty();
}
