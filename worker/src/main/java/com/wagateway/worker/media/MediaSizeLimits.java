package com.wagateway.worker.media;

import com.wagateway.worker.message.MessageType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Largest media file per type, both ways: a send's fetched URL stops past it, and so does a received file's
 * download. Defaults are WhatsApp's own limits as the WhatsApp Business Platform documents them ("Supported media
 * types" of the Cloud API media reference): image 5 MB, video 16 MB, audio 16 MB, document 100 MB.
 *
 * @param image    {@code MEDIA_MAX_IMAGE_BYTES}
 * @param video    {@code MEDIA_MAX_VIDEO_BYTES}
 * @param audio    {@code MEDIA_MAX_AUDIO_BYTES}
 * @param document {@code MEDIA_MAX_DOCUMENT_BYTES}
 */
@ConfigurationProperties("worker.media.max-bytes")
public record MediaSizeLimits(DataSize image, DataSize video, DataSize audio, DataSize document) {

    public MediaSizeLimits {
        image = positive(image, DataSize.ofMegabytes(5), "MEDIA_MAX_IMAGE_BYTES");
        video = positive(video, DataSize.ofMegabytes(16), "MEDIA_MAX_VIDEO_BYTES");
        audio = positive(audio, DataSize.ofMegabytes(16), "MEDIA_MAX_AUDIO_BYTES");
        document = positive(document, DataSize.ofMegabytes(100), "MEDIA_MAX_DOCUMENT_BYTES");
    }

    public static MediaSizeLimits defaults() {
        return new MediaSizeLimits(null, null, null, null);
    }

    /** The cap in bytes; text has no media and no cap. */
    public long maxBytes(MessageType type) {
        return switch (type) {
            case IMAGE -> image.toBytes();
            case VIDEO -> video.toBytes();
            case AUDIO -> audio.toBytes();
            case DOCUMENT -> document.toBytes();
            case TEXT -> throw new IllegalArgumentException("text messages carry no media");
        };
    }

    private static DataSize positive(DataSize value, DataSize fallback, String variable) {
        if (value == null) {
            return fallback;
        }
        if (value.toBytes() <= 0) {
            throw new IllegalArgumentException(variable + " must be positive, got " + value);
        }
        return value;
    }
}
