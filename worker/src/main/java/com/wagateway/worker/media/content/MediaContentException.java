package com.wagateway.worker.media.content;

/** A media file refused for what it contains; {@link #reason()} is the machine-readable cause. */
public final class MediaContentException extends Exception {

    /** Why the content was refused. {@link #code()} is the lower-case name used in API errors and events. */
    public enum Reason {
        /** The file has no bytes. */
        EMPTY,
        /** The file could not be read. */
        UNREADABLE,
        /** The declared Content-Type names a different kind of content than the bytes are. */
        CONTENT_TYPE_MISMATCH,
        /** The message type is image but the bytes are not an image the gateway accepts. */
        NOT_AN_IMAGE,
        /** The bytes start like an image but do not decode. */
        IMAGE_UNDECODABLE,
        /** The image has more pixels than allowed (checked from the header, before decoding). */
        IMAGE_TOO_LARGE,
        /** The message type is video but the bytes are not a video container with a video track. */
        NOT_A_VIDEO,
        /** The message type is audio but the bytes are not an audio container. */
        NOT_AN_AUDIO;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public MediaContentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MediaContentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
