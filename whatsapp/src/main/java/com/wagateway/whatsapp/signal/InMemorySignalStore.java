package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.Curve25519KeyPair;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SignalStore} held in memory: for tests, vector checks and benchmarks, and as the working set a persistent
 * store can wrap. Byte arrays are copied in and out so callers cannot change stored records by accident.
 */
public final class InMemorySignalStore implements SignalStore {

    private final Curve25519KeyPair identity;
    private final int registrationId;
    private final Map<Integer, Curve25519KeyPair> preKeys = new ConcurrentHashMap<>();
    private final Map<Integer, SignedPreKey> signedPreKeys = new ConcurrentHashMap<>();
    private final Map<String, byte[]> sessions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> identities = new ConcurrentHashMap<>();
    private final Map<String, byte[]> senderKeys = new ConcurrentHashMap<>();

    public InMemorySignalStore(Curve25519KeyPair identity, int registrationId) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.registrationId = registrationId;
    }

    public void addPreKey(int id, Curve25519KeyPair keyPair) {
        preKeys.put(id, keyPair);
    }

    public void addSignedPreKey(SignedPreKey signedPreKey) {
        signedPreKeys.put(signedPreKey.id(), signedPreKey);
    }

    @Override
    public Curve25519KeyPair identityKeyPair() {
        return identity;
    }

    @Override
    public int localRegistrationId() {
        return registrationId;
    }

    @Override
    public Optional<Curve25519KeyPair> loadPreKey(int id) {
        return Optional.ofNullable(preKeys.get(id));
    }

    @Override
    public void removePreKey(int id) {
        preKeys.remove(id);
    }

    @Override
    public Optional<SignedPreKey> loadSignedPreKey(int id) {
        return Optional.ofNullable(signedPreKeys.get(id));
    }

    @Override
    public Optional<byte[]> loadSession(SignalAddress address) {
        return copy(sessions.get(address.toString()));
    }

    @Override
    public void storeSession(SignalAddress address, byte[] record) {
        sessions.put(address.toString(), record.clone());
    }

    @Override
    public void deleteSession(SignalAddress address) {
        sessions.remove(address.toString());
    }

    @Override
    public Optional<byte[]> loadIdentity(SignalAddress address) {
        return copy(identities.get(address.toString()));
    }

    @Override
    public void saveIdentity(SignalAddress address, byte[] typedIdentityKey) {
        identities.put(address.toString(), typedIdentityKey.clone());
    }

    @Override
    public Optional<byte[]> loadSenderKey(SenderKeyName name) {
        return copy(senderKeys.get(name.serialize()));
    }

    @Override
    public void storeSenderKey(SenderKeyName name, byte[] record) {
        senderKeys.put(name.serialize(), record.clone());
    }

    private static Optional<byte[]> copy(byte[] stored) {
        return stored == null ? Optional.empty() : Optional.of(stored.clone());
    }
}
