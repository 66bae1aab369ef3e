package com.wagateway.worker.waclient;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Failures as text for what goes to the Backend (an event's {@code media.error}, a {@code failed} reason). A local
 * failure (disk, file system, a bug) never shows a path. File system exceptions carry absolute paths in their message ({@code MEDIA_STORAGE_PATH/...}), so
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

    /**
     * The message as given, or the class name when there is none: for failures whose text is ours to show (the
     * client's, the fetcher's and the inspector's exceptions already leave out keys, URLs and paths).
     */
    static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean hasPath(String text) {
        return text.indexOf('/') >= 0 || text.indexOf('\\') >= 0;
    }
}
