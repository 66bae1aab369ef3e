package com.wagateway.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSessionStoreTest {

    @TempDir
    Path root;

    @Test
    void logoutDeletesCredentialsOnlyAndDeleteRemovesEverything() throws Exception {
        FileSessionStore store = new FileSessionStore(root.resolve("sessions"), root.resolve("media"));
        Path creds = Files.createDirectories(root.resolve("sessions/s1/keys")).resolve("pre-key-1.json");
        Files.writeString(creds, "{}");
        Path media = Files.createDirectories(root.resolve("media/s1")).resolve("a.jpg");
        Files.writeString(media, "x");
        Files.createDirectories(root.resolve("sessions/s2"));

        assertThat(store.hasCredentials("s1")).isTrue();
        store.deleteCredentials("s1");
        assertThat(root.resolve("sessions/s1")).doesNotExist();
        assertThat(media).exists();
        assertThat(root.resolve("sessions/s2")).exists();

        store.deleteAll("s1");
        assertThat(root.resolve("media/s1")).doesNotExist();
        store.deleteAll("s1"); // nothing left: still fine
    }

    @Test
    void aSessionIdThatLeavesTheRootIsRefused() {
        FileSessionStore store = new FileSessionStore(root.resolve("sessions"), root.resolve("media"));
        assertThatThrownBy(() -> store.deleteAll("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deleteAll("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final byte[] SECRET = "{\"noiseKey\":\"very-secret-credential-material\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static SessionStoreKey randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return SessionStoreKey.of(raw);
    }

    private FileSessionStore store(SessionStoreKey key) {
        return new FileSessionStore(root.resolve("sessions"), root.resolve("media"), key);
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void plainRoundTripListsAndDeletesEntries() throws Exception {
        FileSessionStore store = store(null);
        assertThat(store.read("s1", "creds.json")).isEmpty();
        assertThat(store.names("s1")).isEmpty();
        store.write("s1", "creds.json", SECRET);
        store.write("s1", "pre-key-1", new byte[0]);
        assertThat(store.read("s1", "creds.json")).hasValue(SECRET);
        assertThat(store.read("s1", "pre-key-1")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(store.names("s1")).containsExactly("creds.json", "pre-key-1");
        assertThat(store.hasCredentials("s1")).isTrue();
        store.verify("s1");
        store.delete("s1", "pre-key-1");
        store.delete("s1", "pre-key-1"); // absent: fine
        assertThat(store.names("s1")).containsExactly("creds.json");
    }

    @Test
    void entryNamesThatAreNotPlainAreRefused() {
        FileSessionStore store = store(null);
        for (String bad : List.of("../x", "a/b", ".hidden", "", "x y")) {
            assertThatThrownBy(() -> store.write("s1", bad, SECRET)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void writesAreAtomicAndLeaveNoTempFiles() throws Exception {
        FileSessionStore store = store(randomKey());
        byte[] a = new byte[256 * 1024];
        byte[] b = new byte[256 * 1024];
        java.util.Arrays.fill(a, (byte) 'a');
        java.util.Arrays.fill(b, (byte) 'b');
        store.write("s1", "creds.json", a);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    store.write("s1", "creds.json", i % 2 == 0 ? b : a);
                }
                stop.set(true);
                return null;
            });
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (!stop.get()) {
                    byte[] seen = store.read("s1", "creds.json").orElseThrow(); // a part would fail to decrypt
                    assertThat(seen).satisfiesAnyOf(x -> assertThat(x).isEqualTo(a), x -> assertThat(x).isEqualTo(b));
                    reads++;
                }
                return reads;
            });
            writer.get();
            assertThat(reader.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(root.resolve("sessions/s1"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temp file left")
                    .containsExactly("creds.json");
        }
    }

    @Test
    void aFailedWriteLeavesThePreviousContentAndNoTempFile() throws Exception {
        FileSessionStore store = store(null);
        store.write("s1", "creds.json", SECRET);
        Files.createDirectories(root.resolve("sessions/s1/keys")); // a folder where the entry would go: rename fails
        assertThatThrownBy(() -> store.write("s1", "keys", SECRET)).isInstanceOf(java.io.IOException.class);
        try (Stream<Path> files = Files.list(root.resolve("sessions/s1"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("creds.json", "keys");
        }
        assertThat(store.read("s1", "creds.json")).hasValue(SECRET);
    }

    @Test
    void sessionFolderAndFilesAreOwnerOnly() throws Exception {
        FileSessionStore store = store(randomKey());
        store.write("s1", "creds.json", SECRET);
        store.write("s1", "creds.json", SECRET); // replacing keeps it private
        Path dir = root.resolve("sessions/s1");
        org.junit.jupiter.api.Assumptions.assumeTrue(posix(dir), "POSIX file system");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("creds.json"))))
                .isEqualTo("rw-------");

        Files.createDirectories(root.resolve("sessions/s2"));
        Files.setPosixFilePermissions(root.resolve("sessions/s2"), PosixFilePermissions.fromString("rwxr-xr-x"));
        store.write("s2", "creds.json", SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("sessions/s2"))))
                .as("an existing folder is made private").isEqualTo("rwx------");
    }

    @Test
    void encryptedRoundTripWithFreshCiphertextPerWriteAndNoPlaintextOnDisk() throws Exception {
        SessionStoreKey key = randomKey();
        FileSessionStore store = store(key);
        assertThat(store.encrypted()).isTrue();
        Path file = root.resolve("sessions/s1/creds.json");
        store.write("s1", "creds.json", SECRET);
        byte[] first = Files.readAllBytes(file);
        store.write("s1", "creds.json", SECRET);
        byte[] second = Files.readAllBytes(file);

        assertThat(first).isNotEqualTo(second);
        assertThat(java.util.Arrays.copyOfRange(first, 0, 6)).isEqualTo(new byte[] {'W', 'A', 'S', 'S', 1, 1});
        assertThat(java.util.Arrays.copyOfRange(first, 6, 18)).as("nonce")
                .isNotEqualTo(java.util.Arrays.copyOfRange(second, 6, 18));
        assertThat(contains(first, "very-secret".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(contains(second, "noiseKey".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(store.read("s1", "creds.json")).hasValue(SECRET);
        assertThat(store(key).read("s1", "creds.json")).as("a new store with the same key").hasValue(SECRET);
    }

    @Test
    void aWrongKeyIsATypedErrorSayingSo() throws Exception {
        store(randomKey()).write("s1", "creds.json", SECRET);
        assertThatThrownBy(() -> store(randomKey()).read("s1", "creds.json"))
                .isInstanceOf(SessionStoreCorruptException.class)
                .hasMessageContaining("could not be decrypted").hasMessageContaining("SESSION_STORE_KEY")
                .satisfies(e -> assertThat(((SessionStoreCorruptException) e).sessionId()).isEqualTo("s1"));
        assertThatThrownBy(() -> store(randomKey()).verify("s1")).isInstanceOf(SessionStoreCorruptException.class);
    }

    @Test
    void aFileMovedToAnotherSessionOrNameDoesNotDecrypt() throws Exception {
        FileSessionStore store = store(randomKey());
        store.write("s1", "creds.json", SECRET);
        store.write("s2", "creds.json", "other".getBytes(StandardCharsets.UTF_8));
        store.write("s1", "app-state.json", "state".getBytes(StandardCharsets.UTF_8));
        Files.copy(root.resolve("sessions/s1/creds.json"), root.resolve("sessions/s2/creds.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(root.resolve("sessions/s1/creds.json"), root.resolve("sessions/s1/app-state.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> store.read("s2", "creds.json")).isInstanceOf(SessionStoreCorruptException.class);
        assertThatThrownBy(() -> store.read("s1", "app-state.json")).isInstanceOf(SessionStoreCorruptException.class);
        assertThat(store.read("s1", "creds.json")).as("the original still opens").hasValue(SECRET);
    }

    @Test
    void truncatedOrCorruptFilesAreTypedErrors() throws Exception {
        for (SessionStoreKey key : java.util.Arrays.asList(randomKey(), null)) {
            FileSessionStore store = store(key);
            store.write("s1", "creds.json", SECRET);
            Path file = root.resolve("sessions/s1/creds.json");
            byte[] good = Files.readAllBytes(file);

            Files.write(file, java.util.Arrays.copyOf(good, good.length - 5));
            assertThatThrownBy(() -> store.read("s1", "creds.json")).as("truncated, key=%s", key)
                    .isInstanceOf(SessionStoreCorruptException.class);
            Files.write(file, java.util.Arrays.copyOf(good, 3));
            assertThatThrownBy(() -> store.read("s1", "creds.json")).as("header cut, key=%s", key)
                    .isInstanceOf(SessionStoreCorruptException.class);
            byte[] flipped = good.clone();
            flipped[flipped.length - 1] ^= 1;
            Files.write(file, flipped);
            assertThatThrownBy(() -> store.read("s1", "creds.json")).as("bit flip, key=%s", key)
                    .isInstanceOf(SessionStoreCorruptException.class);
            Files.write(file, new byte[0]);
            assertThatThrownBy(() -> store.read("s1", "creds.json")).as("empty, key=%s", key)
                    .isInstanceOf(SessionStoreCorruptException.class);
            Files.write(file, SECRET);
            assertThatThrownBy(() -> store.read("s1", "creds.json")).as("foreign format, key=%s", key)
                    .isInstanceOf(SessionStoreCorruptException.class).hasMessageNotContaining("very-secret");
            store.deleteCredentials("s1");
        }
    }

    @Test
    void encryptedAndPlainFilesAreNotMistakenForEachOther() throws Exception {
        store(randomKey()).write("s1", "creds.json", SECRET);
        assertThatThrownBy(() -> store(null).read("s1", "creds.json"))
                .isInstanceOf(SessionStoreCorruptException.class).hasMessageContaining("SESSION_STORE_KEY is not set");
        store(null).write("s2", "creds.json", SECRET);
        assertThatThrownBy(() -> store(randomKey()).read("s2", "creds.json"))
                .isInstanceOf(SessionStoreCorruptException.class).hasMessageContaining("not encrypted");
    }
}
