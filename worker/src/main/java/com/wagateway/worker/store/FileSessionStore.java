package com.wagateway.worker.store;

import com.wagateway.worker.media.store.MediaStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Session files under {@code SESSION_STORAGE_PATH/<sessionId>/} (credentials and keys) and
 * {@code MEDIA_STORAGE_PATH/<sessionId>/} (downloaded and uploaded media).
 *
 * <p>Each entry is one file, written atomically: a temp file in the same folder, fsync, atomic rename, fsync of the
 * folder. The session folder is {@code 700} and its files {@code 600} where the file system is POSIX. With a
 * {@link SessionStoreKey} the content is AES-256-GCM encrypted ({@link SealedEntry}); without, it is stored plain
 * with a checksum. Content and key never reach a log line or an exception message.
 */
public final class FileSessionStore implements SessionStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path sessionsRoot;
    private final Path mediaRoot;
    private final SessionStoreKey key;

    /** A plaintext store (tests, development). */
    public FileSessionStore(Path sessionsRoot, Path mediaRoot) {
        this(sessionsRoot, mediaRoot, null);
    }

    /** @param key the encryption key, or null to store plain */
    public FileSessionStore(Path sessionsRoot, Path mediaRoot, SessionStoreKey key) {
        this.sessionsRoot = sessionsRoot.toAbsolutePath().normalize();
        this.mediaRoot = mediaRoot.toAbsolutePath().normalize();
        this.key = key;
    }

    public boolean encrypted() {
        return key != null;
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
    public void write(String sessionId, String name, byte[] content) throws IOException {
        Path dir = sessionDir(sessionId);
        Path target = dir.resolve(checkedName(name));
        createPrivateDir(dir);
        byte[] stored = SealedEntry.seal(key, sessionId, name, content);
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, "." + name + ".", TEMP_SUFFIX, PosixFilePermissions.asFileAttribute(FILE_PERMS))
                : Files.createTempFile(dir, "." + name + ".", TEMP_SUFFIX);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(stored);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the session store needs a file system with atomic rename", e);
            }
            moved = true;
            fsyncDir(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public Optional<byte[]> read(String sessionId, String name) throws IOException {
        Path file = sessionDir(sessionId).resolve(checkedName(name));
        byte[] stored;
        try {
            stored = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(SealedEntry.open(key, sessionId, name, stored));
    }

    @Override
    public List<String> names(String sessionId) throws IOException {
        Path dir = sessionDir(sessionId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> NAME.matcher(n).matches()).sorted().forEach(names::add);
        }
        return names;
    }

    @Override
    public void delete(String sessionId, String name) throws IOException {
        Path dir = sessionDir(sessionId);
        if (Files.deleteIfExists(dir.resolve(checkedName(name)))) {
            fsyncDir(dir);
        }
    }

    @Override
    public void deleteCredentials(String sessionId) throws IOException {
        deleteTree(sessionDir(sessionId));
    }

    @Override
    public void deleteAll(String sessionId) throws IOException {
        deleteTree(sessionDir(sessionId));
        deleteTree(moveAside(mediaDir(sessionId)));
    }

    /**
     * The media folder under a name no session has, in one atomic rename, before it is emptied: a download that
     * finishes meanwhile then finds its session's folder gone (the media store never creates it when storing)
     * instead of putting a file into a folder being deleted. A crash midway leaves {@code .deleted-*}, which the
     * media sweeper removes.
     */
    private static Path moveAside(Path dir) throws IOException {
        Path aside = dir.resolveSibling(MediaStore.DELETED_PREFIX + dir.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (NoSuchFileException e) {
            return dir; // no media
        } catch (AtomicMoveNotSupportedException e) {
            return dir;
        }
    }

    /** A session id is a single path segment; anything that would escape the root is refused. */
    private static Path inside(Path root, String sessionId) {
        Path dir = root.resolve(sessionId).normalize();
        if (!dir.getParent().equals(root) || sessionId.isBlank()) {
            throw new IllegalArgumentException("session id is not a plain name: " + sessionId);
        }
        return dir;
    }

    private static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("store entry name is not a plain name: " + name);
        }
        return name;
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (posix(dir)) {
            Files.createDirectories(dir.getParent());
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(DIR_PERMS);
            try {
                Files.createDirectory(dir, attr);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // exists: make sure it is private all the same
            }
            if (!Files.getPosixFilePermissions(dir).equals(DIR_PERMS)) {
                Files.setPosixFilePermissions(dir, DIR_PERMS); // the umask may have narrowed the create
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Makes the rename durable. Opening a folder for fsync is POSIX-only; elsewhere the rename is all there is. */
    private static void fsyncDir(Path dir) throws IOException {
        if (!posix(dir)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (FileSystemException e) {
            // some POSIX-ish file systems refuse to open a folder for reading; the rename itself is still atomic
        }
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
