package com.wagateway.whatsapp.client;

import java.io.IOException;
import java.util.Optional;

/**
 * Where one session's credentials and keys are kept; the application decides how (files, encrypted, a topic).
 * Entry names are plain ({@code [A-Za-z0-9_-][A-Za-z0-9._-]*}). Writes must be atomic: a reader sees the old
 * content or the new, never a part. The client writes its credentials before it reports {@code connected}.
 */
public interface CredentialStore {

    /** @return the entry, empty when absent; throws when it exists but cannot be read back */
    Optional<byte[]> read(String name) throws IOException;

    void write(String name, byte[] content) throws IOException;

    /** Removes one entry; nothing happens when it is absent. */
    void delete(String name) throws IOException;
}
