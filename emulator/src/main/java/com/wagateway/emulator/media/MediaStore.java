package com.wagateway.emulator.media;

import com.wagateway.emulator.store.JsonFiles;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.media.MediaTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The media hosts' blob storage: encrypted media ({@code enc || mac}) as files under {@code media/<t62 code>/<name>}
 * in the data folder, named and addressed the way WhatsApp's CDN addresses them
 * ({@code /v/t62.7118-24/<digits>_<digits>_<digits>_n.enc?ccb=11-4&oh=…&oe=…&_nc_sid=5e03e0}). Bodies stream
 * through a temporary file in the same folder (hashed on the way, capped), never whole in memory; a blob becomes
 * visible only complete, by an atomic rename. Blobs stay across restarts.
 */
public final class MediaStore {

    public static final String DIRECTORY = "media";
    private static final Duration URL_LIFETIME = Duration.ofDays(14);
    private static final int CHUNK = 64 * 1024;
    /** The CDN's directory per media kind (as seen in real direct paths). */
    private static final Map<String, String> CODES = Map.of(
            "image", "t62.7118-24", "video", "t62.7161-24", "audio", "t62.7117-24", "document", "t62.7119-24",
            "sticker", "t62.15575-24", "md-app-state", "t62.7114-24", "md-msg-hist", "t62.7114-24");
    private static final Pattern PATH = Pattern.compile("/v/(t62\\.[0-9]{1,6}-24)/([0-9]{1,20}_[0-9]{1,20}_[0-9]{1,20}_n\\.enc)");

    private final Path root;
    private final RandomSource random;
    private final Clock clock;

    public MediaStore(JsonFiles files, Path dataDir, RandomSource random, Clock clock) {
        this.root = dataDir.resolve(DIRECTORY);
        this.random = random;
        this.clock = clock;
        files.ensureDirectory(root);
    }

    /** Whether {@code kind} is an upload path this store accepts ({@code /mms/<kind>}). */
    public static boolean knownKind(String kind) {
        return CODES.containsKey(kind);
    }

    /**
     * Stores an uploaded body: streamed, capped at {@code maxBytes}, and kept only if its SHA-256 equals
     * {@code expectedSha256} (the upload token).
     *
     * @throws MediaTooLargeException past the cap (nothing is kept)
     * @throws HashMismatchException  when the body is not what the token names (nothing is kept)
     */
    public StoredBlob upload(String kind, InputStream body, long maxBytes, byte[] expectedSha256)
            throws IOException, HashMismatchException {
        Path temp = tempFile(kind);
        try {
            MessageDigest sha = sha256();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[CHUNK];
                int n;
                while ((n = body.read(buffer)) != -1) {
                    size += n;
                    if (size > maxBytes) {
                        throw new MediaTooLargeException(maxBytes);
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            byte[] digest = sha.digest();
            if (!MessageDigest.isEqual(digest, expectedSha256)) {
                throw new HashMismatchException();
            }
            return keep(kind, temp, size, digest);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Stores what {@code writer} writes (a phone encrypting its own media straight into the store). */
    public StoredBlob write(String kind, BlobWriter writer) throws IOException {
        Path temp = tempFile(kind);
        try {
            MessageDigest sha = sha256();
            long size;
            try (HashingOutput out = new HashingOutput(Files.newOutputStream(temp), sha)) {
                writer.write(out);
                size = out.count;
            }
            return keep(kind, temp, size, sha.digest());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A second copy of a blob under a new direct path (a re-upload for a media retry). */
    public Optional<StoredBlob> copy(String directPath) throws IOException {
        Matcher m = match(directPath);
        if (m == null) {
            return Optional.empty();
        }
        Path source = root.resolve(m.group(1)).resolve(m.group(2));
        if (!Files.isRegularFile(source)) {
            return Optional.empty();
        }
        String kind = CODES.entrySet().stream().filter(e -> e.getValue().equals(m.group(1))).map(Map.Entry::getKey)
                .findFirst().orElse("image");
        try (InputStream in = Files.newInputStream(source)) {
            return Optional.of(write(kind, in::transferTo));
        }
    }

    /** The file of the blob a request path or direct path names (query ignored), if it exists. */
    public Optional<Path> file(String path) {
        Matcher m = match(path);
        if (m == null) {
            return Optional.empty();
        }
        Path file = root.resolve(m.group(1)).resolve(m.group(2));
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** {@code /v/<code>/<name>} of a direct path or URL path (its query cut off), or null when it is none. */
    public static String pathOnly(String path) {
        Matcher m = match(path);
        return m == null ? null : "/v/" + m.group(1) + "/" + m.group(2);
    }

    private static Matcher match(String path) {
        if (path == null) {
            return null;
        }
        int query = path.indexOf('?');
        Matcher m = PATH.matcher(query < 0 ? path : path.substring(0, query));
        return m.matches() ? m : null;
    }

    private Path tempFile(String kind) throws IOException {
        String code = CODES.get(kind);
        if (code == null) {
            throw new IllegalArgumentException("unknown media kind " + kind);
        }
        Path dir = root.resolve(code);
        Files.createDirectories(dir);
        return Files.createTempFile(dir, ".upload-", ".tmp");
    }

    private StoredBlob keep(String kind, Path temp, long size, byte[] sha256) throws IOException {
        String code = CODES.get(kind);
        String name = digits(19) + "_" + digits(16) + "_" + digits(19) + "_n.enc";
        Path target = root.resolve(code).resolve(name);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        long expires = clock.instant().plus(URL_LIFETIME).getEpochSecond();
        String query = "?ccb=11-4&oh=01_" + HexFormat.of().formatHex(random.bytes(16)) + "&oe="
                + HexFormat.of().withUpperCase().toHexDigits((int) expires) + "&_nc_sid=5e03e0";
        return new StoredBlob("/v/" + code + "/" + name + query, size, sha256);
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        byte[] bytes = random.bytes(count);
        for (int i = 0; i < count; i++) {
            int digit = (bytes[i] & 0xff) % 10;
            out.append((char) ('0' + (i == 0 && digit == 0 ? 1 : digit)));
        }
        return out.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stored blob.
     *
     * @param directPath {@code /v/<code>/<name>?…}, what upload answers as {@code direct_path}
     * @param sha256     SHA-256 of the blob (the message's {@code fileEncSha256})
     */
    public record StoredBlob(String directPath, long size, byte[] sha256) {
        public String pathOnly() {
            return MediaStore.pathOnly(directPath);
        }
    }

    /** Writes a blob's bytes. */
    @FunctionalInterface
    public interface BlobWriter {
        void write(OutputStream out) throws IOException;
    }

    /** The upload body's SHA-256 is not the token's. */
    public static final class HashMismatchException extends Exception {
        HashMismatchException() {
            super("the body's SHA-256 does not match the token");
        }
    }

    private static final class HashingOutput extends OutputStream {
        private final OutputStream out;
        private final MessageDigest sha;
        private long count;

        HashingOutput(OutputStream out, MessageDigest sha) {
            this.out = out;
            this.sha = sha;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
