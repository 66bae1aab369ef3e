package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.worker.store.SessionStore;
import java.io.IOException;
import java.util.Optional;

/** One session's view of the worker's {@link SessionStore}, as the client's {@link CredentialStore}. */
final class SessionCredentials implements CredentialStore {

    private final SessionStore store;
    private final String sessionId;

    SessionCredentials(SessionStore store, String sessionId) {
        this.store = store;
        this.sessionId = sessionId;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        return store.read(sessionId, name);
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        store.write(sessionId, name, content);
    }

    @Override
    public void delete(String name) throws IOException {
        store.delete(sessionId, name);
    }
}
