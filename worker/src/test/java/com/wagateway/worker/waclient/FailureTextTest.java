package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A media.error never names a path on the worker's disk. */
class FailureTextTest {

    @Test
    void fileSystemFailuresGiveTheirClassAndReasonButNoPath() {
        assertThat(FailureText.of(new NoSuchFileException("/var/lib/wa/media/s1/.3EB0-x.part")))
                .isEqualTo("NoSuchFileException");
        assertThat(FailureText.of(new FileSystemException("/var/lib/wa/media/s1", null, "No space left on device")))
                .isEqualTo("FileSystemException: No space left on device");
        assertThat(FailureText.of(new CompletionException(new UncheckedIOException(
                new NoSuchFileException("C:\\media\\s1")))))
                .isEqualTo("NoSuchFileException");
    }

    @Test
    void otherMessagesAreKeptUnlessTheyNameAPath() {
        assertThat(FailureText.of(new IllegalStateException("boom"))).isEqualTo("boom");
        assertThat(FailureText.of(new IOException("cannot write /var/lib/wa/media/s1/x"))).isEqualTo("IOException");
        assertThat(FailureText.of(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
