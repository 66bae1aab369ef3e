package com.wagateway.worker.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code to} may be. A phone number is E.164 without separators: 6-15 digits, no leading 0, an optional
 * leading {@code +} (the Backend receives phone numbers as {@code +6281234567890} in webhooks, so it may well send
 * them back that way); the {@code +} is dropped. A JID is kept as given: a user ({@code @s.whatsapp.net}),
 * a group ({@code @g.us}, new {@code 120363…} or old {@code creator-timestamp} ids) or a LID user ({@code @lid}).
 */
final class Recipients {

    static final String RULE = "to must be a phone number (6-15 digits, optional leading '+', no spaces) "
            + "or a JID like 6281234567890@s.whatsapp.net, 120363025246125888@g.us or 123456789012345@lid";

    private static final Pattern PHONE = Pattern.compile("^\\+?([1-9][0-9]{5,14})$");
    private static final List<Pattern> JIDS = List.of(
            Pattern.compile("^[1-9][0-9]{5,14}@s\\.whatsapp\\.net$"),
            Pattern.compile("^[0-9]{5,20}(-[0-9]{5,12})?@g\\.us$"),
            Pattern.compile("^[0-9]{5,20}@lid$"));

    private Recipients() {}

    /** The recipient as the engine expects it: digits only, or the full JID. */
    static String normalize(String to, String sessionId) {
        var phone = PHONE.matcher(to);
        if (phone.matches()) {
            return phone.group(1);
        }
        if (JIDS.stream().anyMatch(jid -> jid.matcher(to).matches())) {
            return to;
        }
        throw new InvalidRequestException(RULE, sessionId);
    }
}
