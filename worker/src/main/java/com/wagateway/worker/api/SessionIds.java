package com.wagateway.worker.api;

import java.util.regex.Pattern;

/**
 * The session id alphabet. An id becomes a folder name ({@code sessions/<sessionId>/}) and a Kafka key, so only
 * {@code [A-Za-z0-9_-]}, starting with a letter or digit, at most 64 characters: {@code ..}, slashes (encoded or
 * not), dots and anything else a file system or a log line could misread are refused with 400.
 */
public final class SessionIds {

    public static final String REGEX = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    public static final String RULE =
            "sessionId must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-', starting with a letter or digit";

    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private SessionIds() {}

    public static boolean valid(String sessionId) {
        return sessionId != null && PATTERN.matcher(sessionId).matches();
    }

    /** Returns the id when valid, else throws a 400 (the bad value is not echoed: it may be anything). */
    public static String require(String sessionId) {
        if (!valid(sessionId)) {
            throw new InvalidRequestException(RULE);
        }
        return sessionId;
    }

    /** For log lines: the id when it is safe to print, else a marker (never echo attacker-chosen bytes into logs). */
    public static String forLog(String sessionId) {
        return valid(sessionId) ? sessionId : "<invalid>";
    }
}
