package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pairwise encryption with one remote device (fact sheet §9.4–§9.6), behaving as libsignal-node 6.0.0's SessionCipher.
 * Stateless apart from the store: each call loads the session record, works on it and stores it only when the call
 * succeeds, so a message that fails leaves the session as it was. Calls for one account must not overlap (the
 * {@link SignalStore} contract); the instance itself holds nothing mutable.
 */
public final class SessionCipher {

    /** libsignal-node's bound on message keys skipped in one chain. */
    public static final int DEFAULT_MAX_SKIPPED_KEYS = 2000;

    private final SignalStore store;
    private final SignalAddress remote;
    private final RandomSource random;
    private final int maxSkippedKeys;

    public SessionCipher(SignalStore store, SignalAddress remote, RandomSource random, int maxSkippedKeys) {
        this.store = Objects.requireNonNull(store, "store");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.random = Objects.requireNonNull(random, "random");
        if (maxSkippedKeys < 1) {
            throw new IllegalArgumentException("maxSkippedKeys must be >= 1: " + maxSkippedKeys);
        }
        this.maxSkippedKeys = maxSkippedKeys;
    }

    /** True when an open session exists, so {@link #encrypt} works without a bundle. */
    public boolean hasSession() {
        try {
            SessionRecord record = loadRecord(store, remote);
            return record != null && record.openState() != null;
        } catch (SignalException e) {
            return false;
        }
    }

    /** Encrypts already padded plaintext: {@code pkmsg} while the session is unacknowledged, else {@code msg}. */
    public EncryptedMessage encrypt(byte[] paddedPlaintext) throws SignalException {
        Objects.requireNonNull(paddedPlaintext, "paddedPlaintext");
        SessionRecord record = loadRecord(store, remote);
        SessionState state = record == null ? null : record.openState();
        if (state == null) {
            throw new SignalException(SignalException.Reason.NO_SESSION, "no open session with " + remote);
        }
        Curve25519KeyPair identity = store.identityKeyPair();
        byte[] ourIdentity = identity.typedPublicKey();
        byte[] message = DoubleRatchet.encrypt(state, ourIdentity, paddedPlaintext);
        store.storeSession(remote, record.serialize());
        if (!state.pendingPreKey) {
            return new EncryptedMessage(MessageKind.MSG, message);
        }
        return new EncryptedMessage(MessageKind.PKMSG, PreKeySignalMessage.serialize(state.pendingPreKeyId,
                Curve25519.typed(state.baseKey), ourIdentity, message, store.localRegistrationId(),
                state.pendingSignedPreKeyId));
    }

    /** Decrypts a {@code pkmsg} (setting up the session as the responder) or a {@code msg}; returns the padded plaintext. */
    public byte[] decrypt(MessageKind kind, byte[] serialized) throws SignalException {
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case PKMSG -> decryptPreKeyMessage(serialized);
            case MSG -> decryptMessage(serialized);
            case SKMSG -> throw new SignalException(SignalException.Reason.INVALID_MESSAGE,
                    "skmsg is a group message: use GroupCipher");
        };
    }

    private byte[] decryptMessage(byte[] serialized) throws SignalException {
        SignalMessage message = SignalMessage.parse(serialized);
        SessionRecord record = loadRecord(store, remote);
        if (record == null || record.states().isEmpty()) {
            throw new SignalException(SignalException.Reason.NO_SESSION, "no session with " + remote);
        }
        byte[] ourIdentity = store.identityKeyPair().typedPublicKey();
        List<SessionState> states = record.states();
        SignalException first = null;
        // Most recently used first, as libsignal-node tries them; each attempt on a copy so a failed one leaves no trace.
        for (SessionState state : List.copyOf(states)) {
            SessionState attempt = states.size() == 1 ? state : state.copy();
            try {
                byte[] plaintext = DoubleRatchet.decrypt(attempt, message, ourIdentity, random, maxSkippedKeys);
                record.replaceAndPromote(state, attempt);
                record.trimSkippedKeys(maxSkippedKeys);
                store.storeSession(remote, record.serialize());
                return plaintext;
            } catch (SignalException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private byte[] decryptPreKeyMessage(byte[] serialized) throws SignalException {
        PreKeySignalMessage message = PreKeySignalMessage.parse(serialized);
        // Trust on first use (§9.9, Baileys 7): a new identity replaces the old one and ends its sessions. But only
        // once this message proves itself: everything below works on copies, and the identity, the session and the
        // spent prekey are written after the MAC verified, so a forged or tampered pkmsg naming another identity
        // leaves a working session alone.
        Optional<byte[]> known = store.loadIdentity(remote);
        boolean newIdentity = known.isEmpty() || !Arrays.equals(known.get(), message.identityKey());
        SessionRecord record = known.isPresent() && newIdentity ? null : loadRecord(store, remote);
        if (record == null) {
            if (message.registrationId() < 0) {
                throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "pkmsg without a registration id");
            }
            record = new SessionRecord();
        }
        Curve25519KeyPair identity = store.identityKeyPair();
        byte[] ourIdentity = identity.typedPublicKey();
        SessionState existing = record.stateWithTheirBaseKey(message.baseKey());
        if (existing != null) {
            // The sender has not heard from us yet and sent another pkmsg on the same setup.
            SessionState attempt = existing.copy();
            byte[] plaintext = DoubleRatchet.decrypt(attempt, message.message(), ourIdentity, random, maxSkippedKeys);
            record.replaceAndPromote(existing, attempt);
            record.trimSkippedKeys(maxSkippedKeys);
            store.storeSession(remote, record.serialize());
            return plaintext;
        }
        Curve25519KeyPair preKey = null;
        if (message.preKeyId() != SessionState.NO_PRE_KEY) {
            preKey = store.loadPreKey(message.preKeyId()).orElseThrow(() -> new SignalException(
                    SignalException.Reason.NO_PRE_KEY, "no one-time prekey " + message.preKeyId()));
        }
        SignedPreKey signedPreKey = store.loadSignedPreKey(message.signedPreKeyId()).orElseThrow(() -> new SignalException(
                SignalException.Reason.NO_SIGNED_PRE_KEY, "no signed prekey " + message.signedPreKeyId()));
        SessionState state = X3dh.responder(identity, signedPreKey.keyPair(), preKey, message);
        byte[] plaintext = DoubleRatchet.decrypt(state, message.message(), ourIdentity, random, maxSkippedKeys);
        record.addNewState(state);
        record.trimSkippedKeys(maxSkippedKeys);
        storeVerified(newIdentity ? message.identityKey() : null, known.orElse(null), record);
        if (preKey != null) {
            store.removePreKey(message.preKeyId());
        }
        return plaintext;
    }

    /**
     * Writes the identity (when new) and the record as one step: identity first, so that if the record's write
     * fails the identity is put back and the store is as before (the server redelivers the pkmsg). A record written
     * for a new identity replaces the old one, which ends the old identity's sessions.
     */
    private void storeVerified(byte[] newIdentity, byte[] previousIdentity, SessionRecord record) {
        if (newIdentity == null) {
            store.storeSession(remote, record.serialize());
            return;
        }
        store.saveIdentity(remote, newIdentity);
        try {
            store.storeSession(remote, record.serialize());
        } catch (RuntimeException e) {
            if (previousIdentity != null) {
                store.saveIdentity(remote, previousIdentity);
            }
            throw e;
        }
    }

    static SessionRecord loadRecord(SignalStore store, SignalAddress remote) throws SignalException {
        Optional<byte[]> stored = store.loadSession(remote);
        return stored.isEmpty() ? null : SessionRecord.deserialize(stored.get());
    }
}
