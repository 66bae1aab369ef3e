package com.wagateway.worker.command;

import com.wagateway.worker.message.MessageType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a {@code send} command on {@code wa.commands} must look like. The REST facade checks its requests before
 * producing one; a command another service produced straight to Kafka is checked here, so a malformed one is
 * answered with a {@code failed} status naming the rule instead of reaching WhatsApp or the history's columns.
 */
public final class SendCommandRules {

    /**
     * Message ids: 1–128 of {@code [A-Za-z0-9._:-]}. Ours are 22 characters ({@code 3EB0} + 18 hex digits); other
     * clients' ids seen on WhatsApp are upper-case hex of 16–32 characters, all inside this.
     */
    public static final int MAX_MESSAGE_ID_LENGTH = 128;
    /** WhatsApp's own limit for a text message (65,536 characters); also the history's content column. */
    public static final int MAX_TEXT_LENGTH = 65_536;

    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_MESSAGE_ID_LENGTH + "}");
    private static final Pattern PHONE_DIGITS = Pattern.compile("[1-9][0-9]{5,14}");
    private static final List<Pattern> JIDS = List.of(
            Pattern.compile("[1-9][0-9]{5,14}@s\\.whatsapp\\.net"),
            Pattern.compile("[0-9]{5,20}(-[0-9]{5,12})?@g\\.us"),
            Pattern.compile("[0-9]{5,20}@lid"));

    private SendCommandRules() {}

    /** @return null when the command may be executed, else the rule it breaks (for the {@code failed} event) */
    public static String problem(String messageId, String to, String type, String text) {
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            return "invalid messageId: 1-" + MAX_MESSAGE_ID_LENGTH + " characters of A-Z, a-z, 0-9, '.', '_', ':', "
                    + "'-' (e.g. 3EB0 + 18 hex digits)" + lengthNote(messageId);
        }
        if (to == null || !(PHONE_DIGITS.matcher(to).matches()
                || JIDS.stream().anyMatch(p -> p.matcher(to).matches()))) {
            return "invalid to: digits of a phone number with country code (6-15, no '+') or a JID like "
                    + "6281234567890@s.whatsapp.net, 120363025246125888@g.us or 123456789012345@lid";
        }
        if (type == null || MessageType.fromWire(type).isEmpty()) {
            return "invalid type: one of text, image, document, audio, video";
        }
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            return "text too long: at most " + MAX_TEXT_LENGTH + " characters, was " + text.length();
        }
        if (MessageType.fromWire(type).orElseThrow() == MessageType.TEXT && (text == null || text.isBlank())) {
            return "text is required for type text";
        }
        return null;
    }

    private static String lengthNote(String messageId) {
        return messageId == null ? ", was missing" : ", was " + messageId.length() + " characters";
    }
}
