package com.wagateway.worker.media.content;

import java.util.Locale;

/** The usual file extension for a mimetype, from the same table the inspector sniffs with ({@link MediaFormat}). */
public final class MediaExtensions {

    private MediaExtensions() {
    }

    /** {@code jpg} for {@code image/jpeg}, {@code ogg} for {@code audio/ogg; codecs=opus}; {@code bin} when unknown. */
    public static String forMimetype(String mimetype) {
        if (mimetype == null) {
            return MediaFormat.UNKNOWN.extension();
        }
        String essence = mimetype.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (MediaFormat format : MediaFormat.values()) {
            if (format.isNamed(essence)) {
                return format.extension();
            }
        }
        return MediaFormat.UNKNOWN.extension();
    }
}
