package com.wagateway.worker.media;

/**
 * What happens to media, for the metrics ({@code wa_media_*}, docs/webhooks.md "Metrics"). {@code type} is
 * {@code image}, {@code video}, {@code audio} or {@code document}: four values, so a tag is cheap.
 */
public interface MediaObserver {

    MediaObserver NONE = new MediaObserver() { };

    /** A media message was acknowledged by WhatsApp; {@code bytes} of the plaintext file. */
    default void sent(String type, long bytes) { }

    /** A media send ended {@code failed}; {@code refused} when the URL or its content was refused before upload. */
    default void sendFailed(String type, boolean refused) { }

    /** A received media file was verified and stored. */
    default void received(String type, long bytes) { }

    /** A received media file could not be stored (download, verification, size, timeout). */
    default void receiveFailed(String type) { }

    /** The retention sweeper removed files. */
    default void swept(int files, long bytes) { }
}
