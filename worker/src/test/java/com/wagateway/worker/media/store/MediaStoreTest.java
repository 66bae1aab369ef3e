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
    void aCommittedFileIsFoundWithItsSidecarAndTheTemporaryNameIsGone() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        Path temp = store.reserveTemp("s1", "3EB0A1");
        assertThat(temp).doesNotExist();
        assertThat(temp.getParent()).isEqualTo(root.resolve("s1"));
        Files.writeString(temp, "jpeg bytes");

        StoredMedia m = store.commit("s1", "3EB0A1", temp, "image", "image/jpeg", "ab12", "../../etc/passwd",
                "a caption");

        assertThat(temp).doesNotExist();
        assertThat(m.size()).isEqualTo(10);
        assertThat(m.fileName()).isEqualTo("passwd");
        MediaStore.Found found = store.find("s1", "3EB0A1").orElseThrow();
        assertThat(found.file()).isEqualTo(root.resolve("s1/3EB0A1"));
        assertThat(found.media()).isEqualTo(new StoredMedia("s1", "3EB0A1", "image", "image/jpeg", 10, "ab12",
                "passwd", "a caption", now.get()));
        assertThat(Files.readString(root.resolve("s1/3EB0A1.json"))).contains("\"mimetype\":\"image/jpeg\"")
                .contains("\"storedAt\":\"2030-01-01T00:00:00Z\"");
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
            store.commit("s1", "3EB0A2", temp, "document", "text/plain", "00", "a.txt", null);
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
        store.commit("s1", "3EB0A3", temp, "image", "image/jpeg", "00", null, null);
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
        Path foreign = Files.createDirectories(root.resolve(".tmp")).resolve("fetch-123.part");
        Files.setLastModifiedTime(Files.writeString(foreign, "x"), FileTime.from(now.get().minus(Duration.ofDays(9))));
        Path emptyTmp = Files.createDirectories(root.resolve("tmp2"));

        MediaStore.Swept swept = store.sweep(now.get().minus(Duration.ofDays(5)), now.get().minus(Duration.ofHours(1)));

        assertThat(swept).isEqualTo(new MediaStore.Swept(2, 6));
        assertThat(store.find("s1", "OLD1")).isEmpty();
        assertThat(root.resolve("s1/OLD1")).doesNotExist();
        assertThat(store.find("s1", "NEW1")).isPresent();
        assertThat(root.resolve("s2")).isEmptyDirectory();
        assertThat(deadTemp).doesNotExist();
        assertThat(liveTemp).exists();
        assertThat(foreign).exists();
        assertThat(emptyTmp).as("another component's folder, even empty, stays").exists();
    }

    @Test
    void theSweeperWithRetentionZeroKeepsEverything() throws Exception {
        MediaStore store = new MediaStore(root, clock);
        commit(store, "s1", "KEEP", "x");
        now.set(now.get().plus(Duration.ofDays(3650)));
        MediaRetentionSweeper sweeper = new MediaRetentionSweeper(store,
                new MediaRetentionProperties(Duration.ZERO, null), clock, MediaRetentionSweeper.MediaStoreListener.NONE);
        assertThat(sweeper.sweepOnce().files()).isZero();
        assertThat(store.find("s1", "KEEP")).isPresent();
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
        store.commit("s1", "SCHED", temp, "image", "image/jpeg", "00", null, null);
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
        store.commit(sessionId, id, temp, "image", "image/jpeg", "00", null, null);
    }

    private static void rewriteStoredAt(Path sidecar, Instant at) throws Exception {
        String json = Files.readString(sidecar).replaceAll("\"storedAt\":\"[^\"]+\"", "\"storedAt\":\"" + at + "\"");
        Files.writeString(sidecar, json);
    }
}
