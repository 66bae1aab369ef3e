package com.wagateway.worker.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a session's credentials and files live. Files are the first implementation; nothing outside the store
 * may assume files (a compacted, encrypted Kafka topic is the planned second one).
 *
 * <p>Entries are named by a plain name ({@code [A-Za-z0-9_-][A-Za-z0-9._-]*}, e.g. {@code creds.json}). Writes are
 * atomic: a reader sees the previous content or the new one, never a part. A stored entry that cannot be read back
 * (corrupt, truncated, written under another key or for another session) raises {@link SessionStoreCorruptException}.
 */
public interface SessionStore {

    boolean hasCredentials(String sessionId);

    /** Stores (or replaces) one credentials/keys entry of the session, atomically. */
    void write(String sessionId, String name, byte[] content) throws IOException;

    /**
     * @return the entry's content, empty when the session has no such entry
     * @throws SessionStoreCorruptException when the entry exists but cannot be read back
     */
    Optional<byte[]> read(String sessionId, String name) throws IOException;

    /** Names of the session's stored entries (none when it has no credentials). */
    List<String> names(String sessionId) throws IOException;

    /** Removes one entry; nothing happens when it is absent. */
    void delete(String sessionId, String name) throws IOException;

    /**
     * Reads every entry of the session once, so that an unreadable store is found before a connection is attempted.
     *
     * @throws SessionStoreCorruptException naming the problem (never the content)
     */
    default void verify(String sessionId) throws IOException {
        for (String name : names(sessionId)) {
            read(sessionId, name);
        }
    }

    /** Logout: the auth credentials and Signal keys go; the session itself stays known. */
    void deleteCredentials(String sessionId) throws IOException;

    /** Delete: everything the worker holds for the session goes (credentials, keys, media). */
    void deleteAll(String sessionId) throws IOException;
}
