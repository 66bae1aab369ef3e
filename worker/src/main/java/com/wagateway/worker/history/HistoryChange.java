package com.wagateway.worker.history;

import com.wagateway.worker.message.MessageMedia;
import com.wagateway.worker.message.MessageStatus;
import java.time.Instant;

/** What one event on {@code wa.message-events} does to the history, decoded before the transaction. */
sealed interface HistoryChange {

    String sessionId();

    String messageId();

    /** A message arrived (or a copy of one the account sent from its phone): stored once, never changed after. */
    record Received(String sessionId, String messageId, String direction, String from, String to, String chat,
                    String fromLid, String pushName, String type, String content, Instant sentAt,
                    MessageStatus status, MessageMedia media) implements HistoryChange {

        public Received(String sessionId, String messageId, String direction, String from, String to, String chat,
                        String fromLid, String pushName, String type, String content, Instant sentAt,
                        MessageStatus status) {
            this(sessionId, messageId, direction, from, to, chat, fromLid, pushName, type, content, sentAt, status,
                    null);
        }
    }

    /**
     * An outbound message's status; the details are set on the engine's send outcome (null on receipts). Applied
     * only when it moves the message forward; details fill what the row does not know yet.
     */
    record StatusChanged(String sessionId, String messageId, MessageStatus status, String error, Instant at,
                         String from, String to, String type, String content) implements HistoryChange {}
}
