package com.wagateway.worker.media.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fetched media file in the worker's temporary folder; {@link #close()} deletes it, so use try-with-resources or
 * move the file elsewhere first.
 *
 * @param file        the body, complete
 * @param size        its length in bytes (at most the type's cap)
 * @param contentType the Content-Type header as the server declared it, or null; not checked against the bytes
 * @param urlFileName the last path segment of the final URL (after redirects), percent-decoded, or null
 */
public record FetchedMedia(Path file, long size, String contentType, String urlFileName) implements AutoCloseable {

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete temporary media file " + file.getFileName(), e);
        }
    }
}
