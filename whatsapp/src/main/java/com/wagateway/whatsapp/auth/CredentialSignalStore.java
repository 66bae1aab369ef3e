package com.wagateway.whatsapp.auth;

import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalStore;
import com.wagateway.whatsapp.signal.SignedPreKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client's persistent {@link SignalStore}: our own keys come from the account's {@link Credentials} (read through
 * a supplier, never copied), one-time prekeys from the {@code prekeys} entry, and every session, remote identity and
 * sender key is one entry of the {@link CredentialStore} (names from {@link SignalEntryNames}). Writes go straight to
 * the store, which makes them atomic and durable.
 *
 * <p>Memory: thousands of these live in one worker, mostly idle, so nothing is read before it is asked for and the
 * only state is a small LRU of recently used records (bounded by count and bytes, created on first use), which spares
 * a read and decryption when the same session or sender key is used for consecutive messages.
 */
public final class CredentialSignalStore implements SignalStore {

    /** Entry name of the one-time prekeys (written by the client's prekey upload). */
    public static final String PREKEYS = "prekeys";
    public static final int DEFAULT_CACHE_ENTRIES = 8;
    public static final int DEFAULT_CACHE_BYTES = 8 * 1024;

    private final CredentialStore store;
    private final Supplier<Credentials> credentials;
    private final int cacheEntries;
    private final int cacheBytes;
    private LinkedHashMap<String, byte[]> cache;
    private int cachedBytes;

    public CredentialSignalStore(CredentialStore store, Supplier<Credentials> credentials) {
        this(store, credentials, DEFAULT_CACHE_ENTRIES, DEFAULT_CACHE_BYTES);
    }

    /** {@code cacheEntries} 0 turns the cache off. */
    public CredentialSignalStore(CredentialStore store, Supplier<Credentials> credentials, int cacheEntries,
                                 int cacheBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        if (cacheEntries < 0 || cacheBytes < 0) {
            throw new IllegalArgumentException("cache bounds must be >= 0");
        }
        this.cacheEntries = cacheEntries;
        this.cacheBytes = cacheBytes;
    }

    @Override
    public Curve25519KeyPair identityKeyPair() {
        return credentials.get().identityKey();
    }

    @Override
    public int localRegistrationId() {
        return credentials.get().registrationId();
    }

    @Override
    public synchronized Optional<Curve25519KeyPair> loadPreKey(int id) {
        Optional<byte[]> entry = read(PREKEYS);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return OneTimePreKeys.find(entry.get(), id).map(PreKey::keyPair);
        } catch (CredentialsFormatException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void removePreKey(int id) {
        Optional<byte[]> entry = read(PREKEYS);
        if (entry.isEmpty()) {
            return;
        }
        try {
            if (OneTimePreKeys.contains(entry.get(), id)) {
                write(PREKEYS, OneTimePreKeys.without(entry.get(), candidate -> candidate == id));
            }
        } catch (CredentialsFormatException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<SignedPreKey> loadSignedPreKey(int id) {
        Credentials creds = credentials.get();
        return id == creds.signedPreKeyId()
                ? Optional.of(new SignedPreKey(id, creds.signedPreKey(), creds.signedPreKeySignature()))
                : Optional.empty();
    }

    @Override
    public synchronized Optional<byte[]> loadSession(SignalAddress address) {
        return cachedRead(SignalEntryNames.session(address));
    }

    @Override
    public synchronized void storeSession(SignalAddress address, byte[] record) {
        cachedWrite(SignalEntryNames.session(address), record);
    }

    @Override
    public synchronized void deleteSession(SignalAddress address) {
        String name = SignalEntryNames.session(address);
        evict(name);
        try {
            store.delete(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Optional<byte[]> loadIdentity(SignalAddress address) {
        return cachedRead(SignalEntryNames.identity(address));
    }

    @Override
    public synchronized void saveIdentity(SignalAddress address, byte[] typedIdentityKey) {
        cachedWrite(SignalEntryNames.identity(address), typedIdentityKey);
    }

    @Override
    public synchronized Optional<byte[]> loadSenderKey(SenderKeyName name) {
        return cachedRead(SignalEntryNames.senderKey(name));
    }

    @Override
    public synchronized void storeSenderKey(SenderKeyName name, byte[] record) {
        cachedWrite(SignalEntryNames.senderKey(name), record);
    }

    /** Drops the cached records, e.g. when the session goes idle. */
    public synchronized void clearCache() {
        cache = null;
        cachedBytes = 0;
    }

    synchronized int cachedEntryCount() {
        return cache == null ? 0 : cache.size();
    }

    private Optional<byte[]> cachedRead(String name) {
        byte[] hit = cache == null ? null : cache.get(name);
        if (hit != null) {
            return Optional.of(hit.clone());
        }
        Optional<byte[]> loaded = read(name);
        loaded.ifPresent(bytes -> remember(name, bytes.clone()));
        return loaded;
    }

    private void cachedWrite(String name, byte[] content) {
        evict(name); // a failed write must not leave the new content cached as if stored
        write(name, content);
        remember(name, content.clone());
    }

    private Optional<byte[]> read(String name) {
        try {
            return store.read(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, byte[] content) {
        try {
            store.write(name, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remember(String name, byte[] content) {
        if (cacheEntries == 0 || content.length > cacheBytes) {
            return;
        }
        if (cache == null) {
            cache = new LinkedHashMap<>(4, 0.75f, true);
        }
        evict(name);
        cache.put(name, content);
        cachedBytes += content.length;
        Iterator<Map.Entry<String, byte[]>> eldest = cache.entrySet().iterator();
        while (cache.size() > cacheEntries || cachedBytes > cacheBytes) {
            cachedBytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

    private void evict(String name) {
        if (cache == null) {
            return;
        }
        byte[] removed = cache.remove(name);
        if (removed != null) {
            cachedBytes -= removed.length;
        }
    }
}
