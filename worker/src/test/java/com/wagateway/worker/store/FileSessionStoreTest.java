package com.wagateway.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
