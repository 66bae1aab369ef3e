package com.wagateway.worker.media.store;

import java.util.regex.Pattern;

/**
 * The message id alphabet for stored media. A message id becomes a file name ({@code <sessionId>/<messageId>}), so
 * only {@code [A-Za-z0-9_-]}, starting with a letter or digit, at most 128 characters: every id WhatsApp clients
 * make ({@code 3EB0…}, upper-case hex, Baileys' and the phones' ids) fits, and nothing a file system could read as a
 * path ({@code ..}, slashes, dots, NUL) does.
 */
public final class MediaIds {

    public static final String RULE =
            "messageId must be 1-128 characters of A-Z, a-z, 0-9, '_' or '-', starting with a letter or digit";

    private static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$");

    private MediaIds() {}

    public static boolean valid(String messageId) {
        return messageId != null && PATTERN.matcher(messageId).matches();
    }
}
