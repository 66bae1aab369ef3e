package com.wagateway.whatsapp.auth;

import com.wagateway.whatsapp.client.CredentialStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** A real file-backed {@link CredentialStore} for tests (temp file, then atomic rename); counts calls, can fail. */
final class FileCredentialStore implements CredentialStore {

    static final Pattern ENTRY_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    final Path dir;
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    volatile boolean failing;

    FileCredentialStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        check(name);
        reads.incrementAndGet();
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        check(name);
        writes.incrementAndGet();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String name) throws IOException {
        check(name);
        Files.deleteIfExists(dir.resolve(name));
    }

    private void check(String name) throws IOException {
        if (!ENTRY_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("bad entry name: " + name);
        }
        if (failing) {
            throw new IOException("disk gone (test)");
        }
    }
}
