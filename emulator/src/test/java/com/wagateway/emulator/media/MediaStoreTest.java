package com.wagateway.emulator.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.emulator.store.JsonFiles;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.media.MediaTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store: streamed uploads capped and hash-checked (nothing kept on refusal), copies, path parsing. */
class MediaStoreTest {

    private static final RandomSource RANDOM = RandomSource.secure();

    @TempDir
    Path data;

    @Test
    void anUploadPastTheCapStopsThereAndLeavesNoFile() throws Exception {
        MediaStore store = new MediaStore(new JsonFiles(), data, RANDOM, Clock.systemUTC());
        long[] read = {0};
        // an endless body: the store must stop reading right after the cap
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 7;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read[0] += len;
                return len;
            }
        };
        assertThatThrownBy(() -> store.upload("image", endless, 100_000, new byte[32]))
                .isInstanceOf(MediaTooLargeException.class);
        assertThat(read[0]).isLessThan(100_000 + 2 * 65_536);
        assertThat(files()).isEmpty();
    }

    @Test
    void aBodyWhoseHashIsNotTheTokenIsNotKept() {
        MediaStore store = new MediaStore(new JsonFiles(), data, RANDOM, Clock.systemUTC());
        assertThatThrownBy(() -> store.upload("audio", new ByteArrayInputStream(new byte[10]), 1000, new byte[32]))
                .isInstanceOf(MediaStore.HashMismatchException.class);
        assertThat(files()).isEmpty();
    }

    @Test
    void aKeptBlobIsFoundByItsDirectPathAndACopyGetsANewOne() throws Exception {
        MediaStore store = new MediaStore(new JsonFiles(), data, RANDOM, Clock.systemUTC());
        byte[] body = RANDOM.bytes(5000);
        MediaStore.StoredBlob blob = store.upload("document", new ByteArrayInputStream(body), 10_000,
                MessageDigest.getInstance("SHA-256").digest(body));
        assertThat(blob.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
        assertThat(Files.readAllBytes(store.file(blob.directPath()).orElseThrow())).isEqualTo(body);
        MediaStore.StoredBlob copy = store.copy(blob.directPath()).orElseThrow();
        assertThat(copy.pathOnly()).isNotEqualTo(blob.pathOnly()).startsWith("/v/t62.7119-24/");
        assertThat(Files.readAllBytes(store.file(copy.directPath()).orElseThrow())).isEqualTo(body);
        assertThat(MediaStore.pathOnly("/v/t62.7119-24/../../etc/passwd")).isNull();
        assertThat(store.file("/v/t62.7119-24/1_2_3_n.enc")).isEmpty();
    }

    private java.util.List<Path> files() {
        try (Stream<Path> all = Files.walk(data.resolve(MediaStore.DIRECTORY))) {
            return all.filter(Files::isRegularFile).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
