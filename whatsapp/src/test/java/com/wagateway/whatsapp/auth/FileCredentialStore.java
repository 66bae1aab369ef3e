package com.wagateway.whatsapp.auth;

import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.client.DirectoryCredentialStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real file-backed {@link CredentialStore} for tests ({@link DirectoryCredentialStore}); counts calls, can fail. */
final class FileCredentialStore implements CredentialStore {

    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    volatile boolean failing;
    private final DirectoryCredentialStore files;

    FileCredentialStore(Path dir) {
        this.files = new DirectoryCredentialStore(dir);
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        failIfAsked();
        reads.incrementAndGet();
        return files.read(name);
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        failIfAsked();
        writes.incrementAndGet();
        files.write(name, content);
    }

    @Override
    public void delete(String name) throws IOException {
        failIfAsked();
        files.delete(name);
    }

    private void failIfAsked() throws IOException {
        if (failing) {
            throw new IOException("disk gone (test)");
        }
    }
}
