package com.wagateway.whatsapp.client;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link CredentialStore}; can be told to fail writes. */
final class MemoryStore implements CredentialStore {

    final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    volatile boolean failWrites;

    @Override
    public Optional<byte[]> read(String name) {
        byte[] b = entries.get(name);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        if (failWrites) {
            throw new IOException("disk full (test)");
        }
        entries.put(name, content.clone());
    }

    @Override
    public void delete(String name) {
        entries.remove(name);
    }
}
