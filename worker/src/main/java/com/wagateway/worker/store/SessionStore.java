package com.wagateway.worker.store;

import java.io.IOException;

/**
 * Where a session's credentials and files live. Files are the first implementation; nothing outside the store
 * may assume files (a compacted, encrypted Kafka topic is the planned second one).
 */
public interface SessionStore {

    boolean hasCredentials(String sessionId);

    /** Logout: the auth credentials and Signal keys go; the session itself stays known. */
    void deleteCredentials(String sessionId) throws IOException;

    /** Delete: everything the worker holds for the session goes (credentials, keys, media). */
    void deleteAll(String sessionId) throws IOException;
}
