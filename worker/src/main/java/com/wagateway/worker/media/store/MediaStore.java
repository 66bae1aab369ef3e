package com.wagateway.worker.media.store;

import com.wagateway.worker.api.SessionIds;
import com.wagateway.worker.history.HistoryCipher;
import com.wagateway.worker.media.FileNames;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Received media on disk: {@code MEDIA_STORAGE_PATH/<sessionId>/<messageId>} (the decrypted file) and
 * {@code <messageId>.json} beside it (the sidecar: type, mimetype, size, sha256, file name, stored-at: only what
 * serving the file needs; the caption stays in the event and the history). With {@code SESSION_STORE_KEY} set the
 * file name is sealed with it as the history seals message text ({@link HistoryCipher}, bound to the session, the
 * message and the field). A file is complete once its sidecar exists: the file is moved in first, the sidecar
 * written to a temporary name and moved after, so a reader never sees half a file and a crash leaves only a
 * temporary file the sweeper removes. Session folders are private ({@code 700}), files {@code 600}.
 *
 * <p>Only {@link #reserveTemp} creates a session's folder (when a download starts, never for a deleted session);
 * {@link #commit} never does, so a download that ends after its session was deleted (the folder gone) stores nothing
 * and leaves no folder behind.
 *
 * <p>Every path is built from validated ids and checked to stay inside the root after normalizing, so no id can
 * name a file elsewhere. Files whose names are not ours (another component's temporary files) are never touched.
 */
public final class MediaStore {

    private static final Logger log = LoggerFactory.getLogger(MediaStore.class);
    static final String SIDECAR = ".json";
    static final String PART = ".part";
    /** {@code MEDIA_STORAGE_PATH/.tmp}: the URL fetcher's and the WhatsApp client's temporary files (no session id
     * starts with a dot, so no session folder can be called that). */
    public static final String TEMP_DIR = ".tmp";
    /** Temporary files in {@link #TEMP_DIR}: the fetcher's {@code fetch-*.part}, the client's {@code wa-media-*.enc}. */
    private static final String[][] TEMP_DIR_FILES = {{"fetch-", PART}, {"wa-media-", ".enc"}};
    /** A session's media folder being deleted: renamed to this prefix first ({@code FileSessionStore#deleteAll}). */
    public static final String DELETED_PREFIX = ".deleted-";
    static final String FILE_NAME_FIELD = "media-file-name";
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final Clock clock;
    private final HistoryCipher names;
    private final Predicate<String> sessionKept;
    private final JsonMapper json = JsonMapper.builder().build();

    /** File names stored plain (tests, no {@code SESSION_STORE_KEY}). */
    public MediaStore(Path root, Clock clock) {
        this(root, clock, HistoryCipher.PLAIN);
    }

    /** @param names seals the file names in the sidecars ({@code SESSION_STORE_KEY}), or {@link HistoryCipher#PLAIN} */
    public MediaStore(Path root, Clock clock, HistoryCipher names) {
        this(root, clock, names, sessionId -> true);
    }

    /**
     * @param sessionKept whether a session still exists (its credentials are kept); a download never creates the
     *                    folder of a session that is gone ({@link #reserveTemp})
     */
    public MediaStore(Path root, Clock clock, HistoryCipher names, Predicate<String> sessionKept) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.names = names;
        this.sessionKept = sessionKept;
    }

    public Path root() {
        return root;
    }

    /** {@code MEDIA_STORAGE_PATH/.tmp}, where the fetcher and the client keep their temporary files (swept here). */
    public Path tempDir() {
        return root.resolve(TEMP_DIR);
    }

    /** A stored file and what its sidecar says. */
    public record Found(StoredMedia media, Path file) {}

    /** The session's media folder (not created). */
    public Path sessionDir(String sessionId) {
        if (!SessionIds.valid(sessionId)) {
            throw new IllegalArgumentException("not a valid session id");
        }
        return inside(root, sessionId);
    }

    /**
     * A fresh path in the session's (created, private) folder for a download to write to; it does not exist yet.
     * Pass it to {@link #commit} once the file is complete and verified, or to {@link #discard}.
     *
     * <p>The folder is not created for a session that is gone. Deleting a session removes its credentials first and
     * then renames the media folder aside ({@code FileSessionStore#deleteAll}), so the session is checked again
     * after the folder is created: still kept then means the folder existed before the rename, which takes it
     * away; gone means the deletion may have passed already, so the folder is removed again.
     *
     * @throws SessionGoneException when the session was deleted
     */
    public Path reserveTemp(String sessionId, String messageId) throws IOException {
        Path dir = sessionDir(sessionId);
        Path temp = inside(dir, "." + checkedId(messageId) + "-" + UUID.randomUUID() + PART);
        if (!sessionKept.test(sessionId)) {
            throw new SessionGoneException();
        }
        createPrivateDir(dir);
        if (!sessionKept.test(sessionId)) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                // another download's file is in it; commit finds the session gone and removes it with the sweep
            }
            throw new SessionGoneException();
        }
        return temp;
    }

    /** The session's media folder is gone: the session was deleted while its download ran. */
    public static final class SessionGoneException extends IOException {
        SessionGoneException() {
            super("the session was deleted");
        }
    }

    /**
     * Moves a complete, verified file into place under the message's id and writes its sidecar. A file already
     * stored for the id (WhatsApp delivered the message again) is replaced. The session's folder is not created:
     * when it is gone (the session was deleted meanwhile; deleting renames the folder away first, so the temporary
     * file went with it) nothing is stored.
     *
     * @param sha256 hex SHA-256 of the file, as verified by the download
     * @throws SessionGoneException when the session's folder no longer exists
     */
    public StoredMedia commit(String sessionId, String messageId, Path complete, String type, String mimetype,
                              String sha256, String fileName) throws IOException {
        Path dir = sessionDir(sessionId);
        String id = checkedId(messageId);
        Path file = inside(dir, id);
        try {
            restrict(complete);
            move(complete, file);
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new SessionGoneException();
            }
            throw e;
        }
        StoredMedia media = new StoredMedia(sessionId, id, type, mimetype, Files.size(file), sha256,
                FileNames.sanitize(fileName, id), clock.instant());
        Path sidecarTemp = inside(dir, "." + id + "-" + UUID.randomUUID() + SIDECAR + PART);
        try {
            Files.write(sidecarTemp, json.writeValueAsBytes(toJson(media)));
            restrict(sidecarTemp);
            move(sidecarTemp, inside(dir, id + SIDECAR));
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new SessionGoneException();
            }
            throw e;
        } finally {
            Files.deleteIfExists(sidecarTemp);
        }
        return media;
    }

    /**
     * The download writing to {@code temp} was given up while it may still run (a timeout): its file must never
     * appear later. An empty folder takes the name, so a late move (or write) of the plaintext onto it fails and the
     * writer removes its own partial file; a file that already arrived is deleted. The folder is removed by the
     * sweeper once stale. Never throws.
     */
    public void abandon(Path temp) {
        if (temp == null) {
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.createDirectory(temp);
                return;
            } catch (FileAlreadyExistsException arrived) {
                discard(temp);
            } catch (NoSuchFileException folderGone) {
                return; // the session was deleted: nothing can land there any more
            } catch (IOException e) {
                log.warn("media temporary name not claimed path={} reason=\"{}\"", temp.getFileName(),
                        e.getClass().getSimpleName());
                discard(temp);
                return;
            }
        }
        discard(temp);
    }

    /** Removes a temporary file (nothing happens when it is gone already); never throws. */
    public void discard(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (DirectoryNotEmptyException e) {
            log.warn("media temporary name is a folder path={}", temp.getFileName());
        } catch (IOException e) {
            log.warn("media temporary file not removed path={} reason=\"{}\"", temp.getFileName(), e.toString());
        }
    }

    /** The stored file of a message; empty when either id is not valid, or the file or its sidecar is missing. */
    public Optional<Found> find(String sessionId, String messageId) {
        if (!SessionIds.valid(sessionId) || !MediaIds.valid(messageId)) {
            return Optional.empty();
        }
        Path dir = sessionDir(sessionId);
        Path file = inside(dir, messageId);
        Path sidecar = inside(dir, messageId + SIDECAR);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            StoredMedia media = fromJson(sessionId, messageId, json.readTree(Files.readAllBytes(sidecar)));
            return Optional.of(new Found(media, file));
        } catch (IOException | RuntimeException e) {
            log.warn("media sidecar unreadable sessionId={} messageId={} reason=\"{}\"", sessionId, messageId,
                    e.toString());
            return Optional.empty();
        }
    }

    /** What one sweep removed. */
    public record Swept(int files, long bytes) {}

    /**
     * Deletes stored media (file and sidecar) stored before {@code cutoff} ({@link Instant#MIN}: none), and
     * temporary files last written before {@code staleTempCutoff}: downloads a crash interrupted or a timeout gave
     * up, the URL fetcher's {@code .tmp/fetch-*.part} and the client's {@code .tmp/wa-media-*.enc} whose owner died
     * (a process killed while closing), and the remains of a session deletion a crash interrupted. Session folders
     * stay (deleting a session removes its folder); files whose names are not ours are never touched.
     */
    public Swept sweep(Instant cutoff, Instant staleTempCutoff) {
        int files = 0;
        long bytes = 0;
        if (!Files.isDirectory(root)) {
            return new Swept(0, 0);
        }
        sweepTempDir(staleTempCutoff);
        try (DirectoryStream<Path> sessions = Files.newDirectoryStream(root)) {
            for (Path dir : sessions) {
                String sessionId = dir.getFileName().toString();
                if (sessionId.startsWith(DELETED_PREFIX) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    removeStaleTree(dir, staleTempCutoff);
                    continue;
                }
                if (!SessionIds.valid(sessionId)
                        || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Swept s = sweepSession(dir, sessionId, cutoff, staleTempCutoff);
                files += s.files();
                bytes += s.bytes();
            }
        } catch (IOException e) {
            log.warn("media sweep could not list the media folder reason=\"{}\"", e.toString());
        }
        return new Swept(files, bytes);
    }

    private Swept sweepSession(Path dir, String sessionId, Instant cutoff, Instant staleTempCutoff) {
        int files = 0;
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                try {
                    if (name.startsWith(".") && name.endsWith(PART)) {
                        // a temporary file, or the empty folder that holds the name of an abandoned download
                        if (lastModified(p).isBefore(staleTempCutoff)) {
                            Files.deleteIfExists(p);
                        }
                    } else if (name.endsWith(SIDECAR) && MediaIds.valid(name.substring(0, name.length() - SIDECAR.length()))) {
                        String id = name.substring(0, name.length() - SIDECAR.length());
                        if (storedAt(sessionId, id, p).isBefore(cutoff)) {
                            Path file = inside(dir, id);
                            long size = Files.exists(file) ? Files.size(file) : 0;
                            // sidecar first: a reader never finds a sidecar without its file
                            Files.deleteIfExists(p);
                            Files.deleteIfExists(file);
                            files++;
                            bytes += size;
                        }
                    } else if (MediaIds.valid(name) && !Files.exists(inside(dir, name + SIDECAR))
                            && lastModified(p).isBefore(staleTempCutoff)) {
                        Files.deleteIfExists(p); // a file whose sidecar was never written (crash in between)
                    }
                } catch (NoSuchFileException gone) {
                    // removed meanwhile (session deleted, a second sweep)
                }
            }
        } catch (IOException e) {
            log.warn("media sweep incomplete sessionId={} reason=\"{}\"", sessionId, e.toString());
        }
        return new Swept(files, bytes);
    }

    /** {@code .tmp}: only the fetcher's and the client's temporary files, only when stale, never following links. */
    private void sweepTempDir(Instant staleTempCutoff) {
        Path dir = tempDir();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean ours = false;
                for (String[] pattern : TEMP_DIR_FILES) {
                    ours |= name.startsWith(pattern[0]) && name.endsWith(pattern[1]);
                }
                try {
                    if (ours && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && lastModified(p).isBefore(staleTempCutoff)) {
                        Files.deleteIfExists(p);
                        log.info("media sweep removed a stale temporary file name={}", name);
                    }
                } catch (NoSuchFileException gone) {
                    // its owner removed it meanwhile
                }
            }
        } catch (IOException e) {
            log.warn("media sweep could not list the temporary folder reason=\"{}\"", e.toString());
        }
    }

    /** A session folder renamed for deletion whose deletion a crash interrupted: removed once stale. */
    private static void removeStaleTree(Path dir, Instant staleTempCutoff) {
        try {
            if (!lastModified(dir).isBefore(staleTempCutoff)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            log.warn("media sweep could not remove a deleted session's folder reason=\"{}\"", e.toString());
        }
    }

    /** The sidecar's time; its file time when the sidecar cannot be read (then it is ours all the same). */
    private Instant storedAt(String sessionId, String messageId, Path sidecar) throws IOException {
        try {
            return fromJson(sessionId, messageId, json.readTree(Files.readAllBytes(sidecar))).storedAt();
        } catch (RuntimeException e) {
            return lastModified(sidecar);
        }
    }

    private static Instant lastModified(Path p) throws IOException {
        FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        return t.toInstant();
    }

    private ObjectNode toJson(StoredMedia m) {
        ObjectNode n = json.createObjectNode();
        n.put("messageId", m.messageId());
        n.put("type", m.type());
        n.put("mimetype", m.mimetype());
        n.put("size", m.size());
        n.put("sha256", m.sha256());
        n.put("fileName", names.seal(m.sessionId(), m.messageId(), FILE_NAME_FIELD, m.fileName(),
                Integer.MAX_VALUE / 2));
        n.put("storedAt", m.storedAt().toString());
        return n;
    }

    private StoredMedia fromJson(String sessionId, String messageId, JsonNode n) {
        if (!messageId.equals(text(n, "messageId"))) {
            throw new IllegalStateException("sidecar names another message");
        }
        String stored;
        try {
            stored = names.open(sessionId, messageId, FILE_NAME_FIELD, text(n, "fileName"));
        } catch (HistoryCipher.UnreadableTextException e) {
            // the file is still served, under its message id (another key, or the key was removed)
            log.warn("media file name unreadable sessionId={} messageId={} reason=\"{}\"", sessionId, messageId,
                    e.getMessage());
            stored = null;
        }
        String fileName = FileNames.sanitize(stored, messageId); // checked again on the way out
        return new StoredMedia(sessionId, messageId, text(n, "type"), text(n, "mimetype"), n.path("size").asLong(),
                text(n, "sha256"), fileName, Instant.parse(text(n, "storedAt")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static String checkedId(String messageId) {
        if (!MediaIds.valid(messageId)) {
            throw new IllegalArgumentException(MediaIds.RULE);
        }
        return messageId;
    }

    /** {@code name} as one segment under {@code dir}, refused if normalizing would leave {@code dir}. */
    static Path inside(Path dir, String name) {
        Path p = dir.resolve(name).normalize();
        if (!dir.equals(p.getParent())) {
            throw new IllegalArgumentException("not a plain name under " + dir.getFileName());
        }
        return p;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void restrict(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE_PERMS);
        }
    }

    private static void createPrivateDir(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        if (posix(dir)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
            } catch (FileAlreadyExistsException e) {
                return;
            }
            Files.setPosixFilePermissions(dir, DIR_PERMS); // the umask may have narrowed the create
        } else {
            Files.createDirectories(dir);
        }
    }
}
