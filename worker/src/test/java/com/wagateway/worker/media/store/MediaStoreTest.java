package com.wagateway.worker.media.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Received media on disk: file + sidecar, private folders, ids that cannot leave the folder, retention. */
class MediaStoreTest {

    @TempDir
    Path root;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void aDownloadStartingAfterItsSessionWasDeletedDoesNotRecreateTheFolder() throws Exception {
        com.wagateway.worker.store.FileSessionStore sessions = new com.wagateway.worker.store.FileSessionStore(
                root.resolve("sessions"), root.resolve("media"));
        MediaStore store = new MediaStore(root.resolve("media"), clock,
                com.wagateway.worker.history.HistoryCipher.PLAIN, sessions::hasCredentials);
        sessions.write("s1", "creds", new byte[] {1});
        assertThat(store.reserveTemp("s1", "3EB0G1").getParent()).isDirectory();

        sessions.deleteAll("s1");

        assertThatThrownBy(() -> store.reserveTemp("s1", "3EB0G2")).isInstanceOf(MediaStore.SessionGoneException.class);
        assertThat(root.resolve("media/s1")).doesNotExist();
    }

    @Test
    void aSessionDeletedWhileTheFolderIsCreatedLeavesNoFolder() throws Exception {
        // kept at the first check, gone at the second: the deletion may have renamed the folder aside already
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        MediaStore store = new MediaStore(root, clock, com.wagateway.worker.history.HistoryCipher.PLAIN,
                id -> checks.incrementAndGet() == 1);

        assertThatThrownBy(() -> store.reserveTemp("s1", "3EB0G3")).isInstanceOf(MediaStore.SessionGoneException.class);
        assertThat(checks).hasValue(2);
        assertThat(root.resolve("s1")).doesNotExist();
    }

    @Test
    void aCommittedFileIsFoundWithItsSidecarAndTheTemporaryNameIsGone() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        Path temp = store.reserveTemp("s1", "3EB0A1");
        assertThat(temp).doesNotExist();
        assertThat(temp.getParent()).isEqualTo(root.resolve("s1"));
        Files.writeString(temp, "jpeg bytes");

        StoredMedia m = store.commit("s1", "3EB0A1", temp, "image", "image/jpeg", "ab12", "../../etc/passwd");

        assertThat(temp).doesNotExist();
        assertThat(m.size()).isEqualTo(10);
        assertThat(m.fileName()).isEqualTo("passwd");
        MediaStore.Found found = store.find("s1", "3EB0A1").orElseThrow();
        assertThat(found.file()).isEqualTo(root.resolve("s1/3EB0A1"));
        assertThat(found.media()).isEqualTo(new StoredMedia("s1", "3EB0A1", "image", "image/jpeg", 10, "ab12",
                "passwd", now.get()));
        assertThat(Files.readString(root.resolve("s1/3EB0A1.json"))).contains("\"mimetype\":\"image/jpeg\"")
                .contains("\"storedAt\":\"2030-01-01T00:00:00Z\"").contains("\"fileName\":\"passwd\"")
                .doesNotContain("caption");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("s1"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(found.file()))).isEqualTo("rw-------");
    }

    @Test
    void aRedeliveredMessageReplacesItsFile() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        for (String content : new String[] {"first", "second!"}) {
            Path temp = store.reserveTemp("s1", "3EB0A2");
            Files.writeString(temp, content);
            store.commit("s1", "3EB0A2", temp, "document", "text/plain", "00", "a.txt");
        }
        assertThat(Files.readString(store.find("s1", "3EB0A2").orElseThrow().file())).isEqualTo("second!");
    }

    @Test
    void idsThatCouldNameAnotherFileAreRefusedOrNotFound() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        Files.writeString(root.resolve("outside.json"), "{}");
        for (String bad : new String[] {"..", "../outside", ".", "a/b", "a\\b", "", ".hidden", "a.json", "a\0b"}) {
            assertThat(store.find("s1", bad)).as(bad).isEmpty();
            assertThat(store.find(bad, "3EB0")).as(bad).isEmpty();
            assertThatThrownBy(() -> store.reserveTemp("s1", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.reserveTemp(bad, "3EB0")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> MediaStore.inside(root, "../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSidecarNamingAnotherMessageIsNotBelieved() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        Path temp = store.reserveTemp("s1", "3EB0A3");
        Files.writeString(temp, "x");
        store.commit("s1", "3EB0A3", temp, "image", "image/jpeg", "00", null);
        Files.copy(root.resolve("s1/3EB0A3.json"), root.resolve("s1/3EB0A4.json"));
        Files.writeString(root.resolve("s1/3EB0A4"), "y");
        assertThat(store.find("s1", "3EB0A4")).isEmpty();
    }

    @Test
    void theSweepRemovesWhatIsOlderThanTheCutoffAndDeadTemporaryFilesOnly() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        commit(store, "s1", "OLD1", "12345");
        now.set(now.get().plus(Duration.ofDays(10)));
        commit(store, "s1", "NEW1", "abc");
        commit(store, "s2", "OLD2", "z");
        rewriteStoredAt(root.resolve("s2/OLD2.json"), Instant.parse("2030-01-01T00:00:00Z"));
        Path deadTemp = store.reserveTemp("s1", "DEAD");
        Files.writeString(deadTemp, "partial");
        Files.setLastModifiedTime(deadTemp, FileTime.from(now.get().minus(Duration.ofHours(2))));
        Path liveTemp = store.reserveTemp("s1", "LIVE");
        Files.writeString(liveTemp, "in progress");
        Files.setLastModifiedTime(liveTemp, FileTime.from(now.get()));
        Path tmp = Files.createDirectories(root.resolve(".tmp"));
        Path staleFetch = stale(tmp.resolve("fetch-123.part"), Duration.ofDays(9));
        Path staleBlob = stale(tmp.resolve("wa-media-down-77.enc"), Duration.ofHours(2));
        Path liveFetch = stale(tmp.resolve("fetch-456.part"), Duration.ofMinutes(5));
        Path liveBlob = stale(tmp.resolve("wa-media-up-88.enc"), Duration.ofMinutes(5));
        Path foreign = stale(tmp.resolve("notes.txt"), Duration.ofDays(9));
        Path emptyTmp = Files.createDirectories(root.resolve("tmp2"));
        Path abandoned = store.reserveTemp("s1", "ABANDONED");
        store.abandon(abandoned);
        Files.setLastModifiedTime(abandoned, FileTime.from(now.get().minus(Duration.ofHours(2))));
        Path halfDeleted = Files.createDirectories(root.resolve(".deleted-s3-1234/sub"));
        Files.writeString(halfDeleted.resolve("3EB0"), "left by a crash");
        Files.setLastModifiedTime(root.resolve(".deleted-s3-1234"), FileTime.from(now.get().minus(Duration.ofHours(2))));

        MediaStore.Swept swept = store.sweep(now.get().minus(Duration.ofDays(5)), now.get().minus(Duration.ofHours(1)));

        assertThat(swept).isEqualTo(new MediaStore.Swept(2, 6));
        assertThat(store.find("s1", "OLD1")).isEmpty();
        assertThat(root.resolve("s1/OLD1")).doesNotExist();
        assertThat(store.find("s1", "NEW1")).isPresent();
        assertThat(root.resolve("s2")).isEmptyDirectory();
        assertThat(deadTemp).doesNotExist();
        assertThat(liveTemp).exists();
        assertThat(staleFetch).as("the fetcher's leftover").doesNotExist();
        assertThat(staleBlob).as("the client's leftover").doesNotExist();
        assertThat(liveFetch).exists();
        assertThat(liveBlob).exists();
        assertThat(foreign).as("not a name of ours").exists();
        assertThat(emptyTmp).as("another component's folder, even empty, stays").exists();
        assertThat(abandoned).as("the name an abandoned download held").doesNotExist();
        assertThat(root.resolve(".deleted-s3-1234")).as("a deletion a crash interrupted").doesNotExist();
    }

    @Test
    void theSweeperWithRetentionZeroKeepsTheMediaButStillRemovesStaleTemporaryFiles() throws Exception {
        MediaStore store = new MediaStore(root, Clock.systemUTC());
        commit(store, "s1", "KEEP", "x");
        rewriteStoredAt(root.resolve("s1/KEEP.json"), Instant.now().minus(Duration.ofDays(3650)));
        Path deadTemp = store.reserveTemp("s1", "DEAD");
        Files.writeString(deadTemp, "partial plaintext");
        Files.setLastModifiedTime(deadTemp, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path staleFetch = Files.createDirectories(root.resolve(".tmp")).resolve("fetch-1.part");
        Files.writeString(staleFetch, "x");
        Files.setLastModifiedTime(staleFetch, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        try (MediaRetentionSweeper sweeper = new MediaRetentionSweeper(store,
                new MediaRetentionProperties(Duration.ZERO, Duration.ofHours(1)), Clock.systemUTC(),
                MediaRetentionSweeper.MediaStoreListener.NONE)) {
            sweeper.start();
            assertThat(sweeper.started()).as("scheduled also with MEDIA_RETENTION=0").isTrue();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> !Files.exists(deadTemp) && !Files.exists(staleFetch));
        }
        assertThat(store.find("s1", "KEEP")).isPresent();
    }

    @Test
    void aDownloadFinishingAfterItsSessionWasDeletedStoresNothingAndLeavesNoFolder() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        com.wagateway.worker.store.FileSessionStore sessions = new com.wagateway.worker.store.FileSessionStore(
                root.resolve("../sessions-" + root.getFileName()), root);
        commit(store, "s1", "EARLIER", "x");
        Path temp = store.reserveTemp("s1", "LATE");

        sessions.deleteAll("s1"); // while the download runs
        assertThat(root.resolve("s1")).doesNotExist();

        assertThatThrownBy(() -> Files.writeString(temp, "late plaintext"))
                .as("the folder the download writes into is gone").isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThatThrownBy(() -> store.commit("s1", "LATE", temp, "image", "image/jpeg", "00", null))
                .isInstanceOf(MediaStore.SessionGoneException.class);
        assertThat(root.resolve("s1")).as("not created again").doesNotExist();
        try (var left = Files.list(root)) {
            assertThat(left).as("nothing left of the session").isEmpty();
        }
    }

    @Test
    void anAbandonedDownloadCannotPutItsFileInPlaceLater() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        Path temp = store.reserveTemp("s1", "SLOW");
        store.abandon(temp);

        // what the client does when its download ends: plaintext beside the target, moved onto it
        Path partial = Files.createTempFile(root.resolve("s1"), "." + temp.getFileName() + "-", ".part");
        Files.writeString(partial, "late plaintext");
        assertThatThrownBy(() -> Files.move(partial, temp, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> Files.writeString(temp, "late plaintext")).isInstanceOf(java.io.IOException.class);
        assertThat(temp).isEmptyDirectory();

        Path arrived = store.reserveTemp("s1", "ARRIVED");
        Files.writeString(arrived, "plaintext that came just before the timeout");
        store.abandon(arrived);
        assertThat(arrived).as("a file already there is deleted").isEmptyDirectory();
    }

    @Test
    void withTheStoreKeyTheFileNameIsSealedInTheSidecarAndReadBack() throws Exception {
        com.wagateway.worker.store.SessionStoreKey key = com.wagateway.worker.store.SessionStoreKey.resolve(
                java.util.Base64.getEncoder().encodeToString(new byte[32]), false).orElseThrow();
        MediaStore store = new MediaStore(root, clock, com.wagateway.worker.history.HistoryCipher.of(key));
        Path temp = store.reserveTemp("s1", "SEALED");
        Files.writeString(temp, "x");
        store.commit("s1", "SEALED", temp, "document", "application/pdf", "00", "Salary review Jane Doe.pdf");

        String sidecar = Files.readString(root.resolve("s1/SEALED.json"));
        assertThat(sidecar).doesNotContain("Salary").doesNotContain("Jane").contains("\"fileName\":\"wa-sealed:v1:");
        assertThat(store.find("s1", "SEALED").orElseThrow().media().fileName()).isEqualTo("Salary review Jane Doe.pdf");

        // copied to another message: does not open, served under the message id
        Files.copy(root.resolve("s1/SEALED"), root.resolve("s1/OTHER"));
        Files.writeString(root.resolve("s1/OTHER.json"), sidecar.replace("\"SEALED\"", "\"OTHER\""));
        assertThat(store.find("s1", "OTHER").orElseThrow().media().fileName()).isEqualTo("OTHER");
        // without the key: the file is still served, never under the ciphertext
        assertThat(new MediaStore(root, clock).find("s1", "SEALED").orElseThrow().media().fileName())
                .isEqualTo("SEALED");
    }

    @Test
    void theSweeperDeletesAfterTheRetentionAndReportsIt() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        commit(store, "s1", "GONE", "1234");
        AtomicReference<MediaStore.Swept> reported = new AtomicReference<>();
        MediaRetentionSweeper sweeper = new MediaRetentionSweeper(store,
                new MediaRetentionProperties(Duration.ofDays(30), null), clock, reported::set);
        now.set(now.get().plus(Duration.ofDays(29)));
        assertThat(sweeper.sweepOnce().files()).isZero();
        now.set(now.get().plus(Duration.ofDays(2)));
        assertThat(sweeper.sweepOnce()).isEqualTo(new MediaStore.Swept(1, 4));
        assertThat(reported.get()).isEqualTo(new MediaStore.Swept(1, 4));
        assertThat(store.find("s1", "GONE")).isEmpty();
    }

    @Test
    void theScheduledSweeperRunsAtStart() throws Exception {
        MediaStore store = new MediaStore(root, Clock.systemUTC());
        Path temp = store.reserveTemp("s1", "SCHED");
        Files.writeString(temp, "x");
        store.commit("s1", "SCHED", temp, "image", "image/jpeg", "00", null);
        rewriteStoredAt(root.resolve("s1/SCHED.json"), Instant.now().minus(Duration.ofMinutes(5)));
        try (MediaRetentionSweeper sweeper = new MediaRetentionSweeper(store,
                new MediaRetentionProperties(Duration.ofMinutes(1), Duration.ofHours(1)), Clock.systemUTC(),
                MediaRetentionSweeper.MediaStoreListener.NONE)) {
            sweeper.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> store.find("s1", "SCHED").isEmpty());
        }
    }

    @Test
    void theStaleAgeOfTemporaryFilesFollowsTheLongestTransferLimit() throws Exception {
        assertThat(MediaRetentionSweeper.staleTempAge(Duration.ofMinutes(2), Duration.ofMinutes(2), null))
                .isEqualTo(Duration.ofHours(1));
        Duration staleTemp = MediaRetentionSweeper.staleTempAge(Duration.ofMinutes(2), Duration.ofHours(3),
                Duration.ofMinutes(30));
        assertThat(staleTemp).isEqualTo(Duration.ofHours(3).plus(MediaRetentionSweeper.STALE_TEMP_MARGIN));

        // a 2 h old file of a download allowed 3 h is still being written; a 4 h old one is dead
        MediaStore store = new MediaStore(root, Clock.systemUTC());
        Path live = store.reserveTemp("s1", "LIVE");
        Files.writeString(live, "x");
        Files.setLastModifiedTime(live, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path dead = store.reserveTemp("s1", "DEAD");
        Files.writeString(dead, "x");
        Files.setLastModifiedTime(dead, FileTime.from(Instant.now().minus(Duration.ofHours(4))));
        MediaRetentionSweeper sweeper = new MediaRetentionSweeper(store,
                new MediaRetentionProperties(Duration.ZERO, null), staleTemp, Clock.systemUTC(),
                MediaRetentionSweeper.MediaStoreListener.NONE);

        sweeper.sweepOnce();

        assertThat(live).exists();
        assertThat(dead).doesNotExist();
    }

    @Test
    void retentionSettingsAreChecked() {
        assertThat(new MediaRetentionProperties(null, null).retention()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> new MediaRetentionProperties(Duration.ofDays(-1), null))
                .hasMessageContaining("MEDIA_RETENTION");
        assertThatThrownBy(() -> new MediaRetentionProperties(null, Duration.ZERO))
                .hasMessageContaining("MEDIA_SWEEP_INTERVAL");
    }

    private static void commit(MediaStore store, String sessionId, String id, String content) throws Exception {
        Path temp = store.reserveTemp(sessionId, id);
        Files.writeString(temp, content);
        store.commit(sessionId, id, temp, "image", "image/jpeg", "00", null);
    }

    private Path stale(Path file, Duration age) throws Exception {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(now.get().minus(age)));
        return file;
    }

    private static void rewriteStoredAt(Path sidecar, Instant at) throws Exception {
        String json = Files.readString(sidecar).replaceAll("\"storedAt\":\"[^\"]+\"", "\"storedAt\":\"" + at + "\"");
        Files.writeString(sidecar, json);
    }
}
