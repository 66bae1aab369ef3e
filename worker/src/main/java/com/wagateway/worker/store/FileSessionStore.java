package com.wagateway.worker.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Session files under {@code SESSION_STORAGE_PATH/<sessionId>/} (credentials and keys) and
 * {@code MEDIA_STORAGE_PATH/<sessionId>/} (downloaded and uploaded media).
 */
public final class FileSessionStore implements SessionStore {

    private final Path sessionsRoot;
    private final Path mediaRoot;

    public FileSessionStore(Path sessionsRoot, Path mediaRoot) {
        this.sessionsRoot = sessionsRoot.toAbsolutePath().normalize();
        this.mediaRoot = mediaRoot.toAbsolutePath().normalize();
    }

    public Path sessionDir(String sessionId) {
        return inside(sessionsRoot, sessionId);
    }

    public Path mediaDir(String sessionId) {
        return inside(mediaRoot, sessionId);
    }

    @Override
    public boolean hasCredentials(String sessionId) {
        return Files.isDirectory(sessionDir(sessionId));
    }

    @Override
    public void deleteCredentials(String sessionId) throws IOException {
        deleteTree(sessionDir(sessionId));
    }

    @Override
    public void deleteAll(String sessionId) throws IOException {
        deleteTree(sessionDir(sessionId));
        deleteTree(mediaDir(sessionId));
    }

    /** A session id is a single path segment; anything that would escape the root is refused. */
    private static Path inside(Path root, String sessionId) {
        Path dir = root.resolve(sessionId).normalize();
        if (!dir.getParent().equals(root) || sessionId.isBlank()) {
            throw new IllegalArgumentException("session id is not a plain name: " + sessionId);
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException ignored) {
                    // already gone
                }
            }
        }
    }
}
