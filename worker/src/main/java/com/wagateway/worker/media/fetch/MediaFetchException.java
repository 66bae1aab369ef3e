package com.wagateway.worker.media.fetch;

import java.util.Locale;

/**
 * A media URL the worker would not fetch, or whose fetch failed. Every failure of {@link MediaFetcher#fetch} is one of
 * these, so nothing a URL returns reaches the caller as another exception. The message starts with the reason's code
 * ({@code blocked_address: 10.0.0.1 is a private address}) and never carries response bytes.
 */
public final class MediaFetchException extends Exception {

    /** Why; {@link #code()} is the name reported to API callers and in events. */
    public enum Reason {
        /** Not http or https. */
        UNSUPPORTED_SCHEME,
        /** Not a URL, no host, user info in it, or a host that is neither a name nor a valid address. */
        MALFORMED_URL,
        /** The host is, or resolves to, an address the worker does not connect to (loopback, private, …). */
        BLOCKED_ADDRESS,
        /** The name did not resolve. */
        UNKNOWN_HOST,
        /** More redirects than allowed, a redirect without a usable Location, or https to http. */
        REDIRECT_REFUSED,
        /** The server answered with a status other than 2xx. */
        HTTP_STATUS,
        /** Content-Length or the body passed the size cap of the message type. */
        TOO_LARGE,
        /** Connect, read or total time limit passed. */
        TIMEOUT,
        /** The connection failed or broke (refused, reset, TLS failure, malformed response). */
        CONNECTION_FAILED,
        /** The temporary file could not be written. */
        STORAGE_FAILED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public MediaFetchException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public MediaFetchException(Reason reason, String detail, Throwable cause) {
        super(reason.code() + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
