package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.client.IncomingMessage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decrypted messages reported to the application but not yet acked, by sender device and message id. When the
 * application did not keep one, the server delivers it again on the next login, but the ratchet has moved past its key,
 * so decrypting it again fails as a duplicate: the kept copy is reported instead. Bounded by count and by text size
 * (oldest out first); a message that fell out is recovered by a retry receipt, after which the sender re-encrypts it.
 * Memory only: after a restart the retry receipt is the only way back. Runs on the serial executor.
 */
final class UnackedMessages {

    static final int MAX_MESSAGES = 256;
    /** Characters of text kept in all (a UTF-16 char is two bytes: 512 KiB at most). */
    static final int MAX_TEXT_CHARS = 256 * 1024;

    private final int maxMessages;
    private final int maxTextChars;
    private LinkedHashMap<String, IncomingMessage> messages;
    private int textChars;

    UnackedMessages() {
        this(MAX_MESSAGES, MAX_TEXT_CHARS);
    }

    UnackedMessages(int maxMessages, int maxTextChars) {
        this.maxMessages = maxMessages;
        this.maxTextChars = maxTextChars;
    }

    static String key(String senderDevice, String messageId) {
        return senderDevice + "/" + messageId;
    }

    IncomingMessage get(String key) {
        return messages == null ? null : messages.get(key);
    }

    void put(String key, IncomingMessage message) {
        int chars = chars(message);
        if (chars > maxTextChars) {
            return;
        }
        remove(key);
        if (messages == null) {
            messages = new LinkedHashMap<>(8);
        }
        messages.put(key, message);
        textChars += chars;
        Iterator<IncomingMessage> oldest = messages.values().iterator();
        while (messages.size() > maxMessages || textChars > maxTextChars) {
            textChars -= chars(oldest.next());
            oldest.remove();
        }
    }

    void remove(String key) {
        IncomingMessage removed = messages == null ? null : messages.remove(key);
        if (removed != null) {
            textChars -= chars(removed);
            if (messages.isEmpty()) {
                messages = null;
            }
        }
    }

    int size() {
        return messages == null ? 0 : messages.size();
    }

    private static int chars(IncomingMessage message) {
        return message.text() == null ? 0 : message.text().length();
    }

    @Override
    public String toString() {
        return "UnackedMessages" + (messages == null ? Map.of().keySet() : messages.keySet());
    }
}
