package com.wagateway.worker.media;

import com.wagateway.worker.message.MessageType;

/**
 * The largest file of each media type the worker sends or stores, in bytes; the same caps both ways.
 *
 * @param image    default 16 MiB (WhatsApp's image limit)
 * @param video    default 64 MiB
 * @param audio    default 16 MiB
 * @param document default 100 MiB
 */
public record MediaSizeLimits(long image, long video, long audio, long document) {

    public static final MediaSizeLimits WHATSAPP = new MediaSizeLimits(16L << 20, 64L << 20, 16L << 20, 100L << 20);

    public MediaSizeLimits {
        if (image <= 0 || video <= 0 || audio <= 0 || document <= 0) {
            throw new IllegalArgumentException("media size limits must be positive");
        }
    }

    /** @throws IllegalArgumentException for {@code text} */
    public long of(MessageType type) {
        return switch (type) {
            case IMAGE -> image;
            case VIDEO -> video;
            case AUDIO -> audio;
            case DOCUMENT -> document;
            case TEXT -> throw new IllegalArgumentException("text has no media size limit");
        };
    }
}
