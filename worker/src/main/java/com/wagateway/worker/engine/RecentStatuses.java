package com.wagateway.worker.engine;

import com.wagateway.worker.message.MessageStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest status the engine published for a session's recent outbound messages, so what it publishes only moves
 * forward ({@link MessageStatus#canMoveTo}): a duplicate or late receipt is not published again. Bounded to the
 * {@value #KEPT} most recently touched messages per session; a receipt for an older message (or after a restart) is
 * published as it comes, and the history read model still keeps its own status forward-only. Mailbox-confined.
 */
final class RecentStatuses {

    static final int KEPT = 1_000;

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
