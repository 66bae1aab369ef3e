package com.wagateway.whatsapp.media;

/**
 * An upload or download that did not complete. The message names what failed (host, status, check) and never holds a
 * key, an auth token or file content.
 */
public final class MediaTransferException extends Exception {

    /** Stable names for logs and events. */
    public enum Reason {
        /** The client is not logged in (no media_conn, no media-retry request possible). */
        NOT_CONNECTED,
        /** No media host took the upload or served the download (connect error, 5xx, unusable answer). */
        HOST_ERROR,
        /** The host answered 403, 404 or 410 and no media retry was possible or wanted. */
        GONE,
        /** The phone answered the media-retry request with an error, or its answer did not decrypt. */
        RETRY_FAILED,
        /** The blob's MAC, hashes or padding do not match the message. */
        VERIFICATION,
        /** The file or blob is larger than the cap (or than every host accepts). */
        TOO_LARGE,
        /** The request or the phone's media-retry answer took longer than configured. */
        TIMEOUT,
        /** A local file could not be read or written. */
        IO,
        /** The media executor's bounded queue was full (too many transfers at once): nothing was sent or kept. */
        TOO_BUSY
    }

    private final Reason reason;

    public MediaTransferException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MediaTransferException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
