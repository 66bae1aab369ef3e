package com.wagateway.worker.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A media file fetched and inspected, ready to upload: a temporary file (deleted by {@link #close}) and what the
 * message states about it. Optional values are null when unknown (then left out of the message).
 *
 * @param mimetype  the checked content type (for voice notes {@code audio/ogg; codecs=opus})
 * @param fileName  sanitized; documents carry it, the others ignore it
 * @param thumbnail a small JPEG for images and videos, or null
 * @param voiceNote an Ogg Opus voice note: sent as {@code ptt}
 */
public record PreparedMedia(Path file, long size, String mimetype, String fileName, Integer width, Integer height,
                            byte[] thumbnail, Integer seconds, boolean voiceNote) implements AutoCloseable {

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left in MEDIA_STORAGE_PATH/.tmp as fetch-*.part: the retention sweeper's temporary-file pass removes
            // such files once they are an hour old, and the fetcher does at the next start
        }
    }
}
