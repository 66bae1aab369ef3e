package com.wagateway.worker.engine;

import com.wagateway.worker.message.MessageStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest status the engine published (or learned from the history) for a session's recent outbound messages,
 * so what it publishes only moves forward ({@link MessageStatus#canMoveTo}): a duplicate or late receipt is not
 * published again. Bounded to the {@value #KEPT} most recently touched messages per session (small: a worker holds
 * thousands of sessions, and receipts come soon after the send); a message it does not know is looked up in the
 * history ({@code MessageStatusLookup}) before anything is published. Mailbox-confined.
 */
final class RecentStatuses {

    static final int KEPT = 128;

    private final LinkedHashMap<String, MessageStatus> latest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MessageStatus> eldest) {
            return size() > KEPT;
        }
    };

    /** Null when the message is not (or no longer) remembered. */
    MessageStatus latest(String messageId) {
        return latest.get(messageId);
    }

    /** Records {@code next} when it moves the message forward (or the message is unknown); says whether it did. */
    boolean advance(String messageId, MessageStatus next) {
        MessageStatus known = latest.get(messageId);
        if (known != null && !known.canMoveTo(next)) {
            return false;
        }
        latest.put(messageId, next);
        return true;
    }

    int size() {
        return latest.size();
    }
}
