package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.RandomSource;

/**
 * Pairwise encryption with one remote device (fact sheet §9.4–§9.6). Stateless apart from the store: each call loads
 * and stores the session record. SKELETON: the signal helper implements it.
 */
public final class SessionCipher {

    /** libsignal-node's bound on message keys skipped in one chain. */
    public static final int DEFAULT_MAX_SKIPPED_KEYS = 2000;

    public SessionCipher(SignalStore store, SignalAddress remote, RandomSource random, int maxSkippedKeys) {
        throw new UnsupportedOperationException("signal: SessionCipher not implemented yet");
    }

    public boolean hasSession() {
        throw new UnsupportedOperationException();
    }

    /** Encrypts already padded plaintext: {@code pkmsg} while the session is unacknowledged, else {@code msg}. */
    public EncryptedMessage encrypt(byte[] paddedPlaintext) throws SignalException {
        throw new UnsupportedOperationException();
    }

    /** Decrypts a {@code pkmsg} (setting up the session as the responder) or a {@code msg}; returns the padded plaintext. */
    public byte[] decrypt(MessageKind kind, byte[] serialized) throws SignalException {
        throw new UnsupportedOperationException();
    }
}
