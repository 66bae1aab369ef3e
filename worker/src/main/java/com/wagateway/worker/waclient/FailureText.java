package com.wagateway.worker.waclient;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A local failure (disk, file system, a bug) as text for an event's {@code media.error}, which goes to the Backend:
 * never a path. File system exceptions carry absolute paths in their message ({@code MEDIA_STORAGE_PATH/...}), so
 * those give their class and the operating system's reason only, and any other message naming a path gives its
 * class only.
 */
final class FailureText {

    private FailureText() {
    }

    static String of(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String kind = t.getClass().getSimpleName();
        if (t instanceof FileSystemException f) {
            return f.getReason() == null || hasPath(f.getReason()) ? kind : kind + ": " + f.getReason();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() || hasPath(message) ? kind : message;
    }

    private static boolean hasPath(String text) {
        return text.indexOf('/') >= 0 || text.indexOf('\\') >= 0;
    }
}
