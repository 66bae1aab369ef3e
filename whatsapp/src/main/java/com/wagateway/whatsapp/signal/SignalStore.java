package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.Curve25519KeyPair;

import java.util.Optional;

/**
 * One account's Signal state. Records are opaque bytes owned by this package (it serializes them itself), so a store
 * only persists; writes must be atomic and durable before the call returns. Calls for one account never overlap (the
 * owner serializes them); different accounts run in parallel. I/O failures are {@link java.io.UncheckedIOException}.
 */
public interface SignalStore {

    Curve25519KeyPair identityKeyPair();

    int localRegistrationId();

    /** A one-time prekey this device uploaded, by id; empty once used or never known. */
    Optional<Curve25519KeyPair> loadPreKey(int id);

    void removePreKey(int id);

    Optional<SignedPreKey> loadSignedPreKey(int id);

    Optional<byte[]> loadSession(SignalAddress address);

    void storeSession(SignalAddress address, byte[] record);

    void deleteSession(SignalAddress address);

    /** The remote identity key (33 bytes, typed) last seen for this address (trust on first use, §9.9). */
    Optional<byte[]> loadIdentity(SignalAddress address);

    void saveIdentity(SignalAddress address, byte[] typedIdentityKey);

    Optional<byte[]> loadSenderKey(SenderKeyName name);

    void storeSenderKey(SenderKeyName name, byte[] record);

    /**
     * The sender key record under {@code name} could not be read and is being started afresh (our own key replaced,
     * or a received one replaced by the distribution being processed). For the store's owner to log with what it
     * knows (the session); a store need not do anything.
     */
    default void senderKeyRecordReplaced(SenderKeyName name) {
    }
}
