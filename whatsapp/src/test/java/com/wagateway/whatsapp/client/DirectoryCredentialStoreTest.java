package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryCredentialStoreTest {

    @Test
    void entriesAreFilesReplacedWholeAndDeleted(@TempDir Path root) throws Exception {
        Path dir = root.resolve("s1");
        DirectoryCredentialStore store = new DirectoryCredentialStore(dir);
        assertThat(store.read("creds.json")).isEmpty();
        store.write("creds.json", new byte[] {1, 2});
        store.write("creds.json", new byte[] {3});
        assertThat(store.read("creds.json")).hasValueSatisfying(b -> assertThat(b).containsExactly(3));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("creds.json");
        }
        store.delete("creds.json");
        store.delete("creds.json");
        assertThat(store.read("creds.json")).isEmpty();
    }

    @Test
    void namesThatCouldLeaveTheDirectoryAreRefused(@TempDir Path root) {
        DirectoryCredentialStore store = new DirectoryCredentialStore(root.resolve("s1"));
        for (String bad : new String[] {"..", ".", "../x", "a/b", ".hidden", ""}) {
            assertThatThrownBy(() -> store.write(bad, new byte[] {1})).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(root.resolve("x")).doesNotExist();
    }
}
