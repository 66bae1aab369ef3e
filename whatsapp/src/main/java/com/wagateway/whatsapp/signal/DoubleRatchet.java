package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;

import java.util.Arrays;

/**
 * The double ratchet on one {@link SessionState} (fact sheet §9.5), step for step as libsignal-node's SessionCipher:
 * the only code that moves chain state. A failed call may leave the state half-changed; callers discard it then.
 */
final class DoubleRatchet {

    private DoubleRatchet() {
    }

    /** Encrypts on the current sending chain; returns the serialized {@code msg}. */
    static byte[] encrypt(SessionState state, byte[] ourIdentityTyped, byte[] paddedPlaintext) throws SignalException {
        RatchetChain chain = state.chain(state.ourRatchetPublic);
        if (chain == null || !chain.sending || chain.chainKey == null) {
            throw new SignalException(SignalException.Reason.NO_SESSION, "session has no sending chain");
        }
        byte[] seed = chain.advance();
        SignalCrypto.MessageKeys keys = SignalCrypto.messageKeys(seed);
        byte[] ciphertext = SignalCrypto.aesEncrypt(keys, paddedPlaintext);
        return SignalMessage.serialize(Curve25519.typed(state.ourRatchetPublic), chain.counter, state.previousCounter,
                ciphertext, keys, ourIdentityTyped, state.remoteIdentityKey);
    }

    /** Decrypts {@code message}, stepping the ratchet when it carries a new remote ratchet key. */
    static byte[] decrypt(SessionState state, SignalMessage message, byte[] ourIdentityTyped, RandomSource random,
                          int maxSkippedKeys) throws SignalException {
        RatchetChain chain = state.chain(message.ratchetKey());
        if (chain == null) {
            step(state, message.ratchetKey(), message.previousCounter(), random, maxSkippedKeys);
            chain = state.chain(message.ratchetKey());
        }
        if (chain.sending) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "message names our own sending chain");
        }
        byte[] seed = chain.messageKeySeed(message.counter(), maxSkippedKeys);
        SignalCrypto.MessageKeys keys = SignalCrypto.messageKeys(seed);
        message.verifyMac(keys, state.remoteIdentityKey, ourIdentityTyped);
        byte[] plaintext = SignalCrypto.aesDecrypt(keys, message.ciphertext());
        state.pendingPreKey = false;
        return plaintext;
    }

    /** A DH-ratchet turn (libsignal-node maybeStepRatchet): close the old receiving chain, derive receive then send. */
    private static void step(SessionState state, byte[] remoteRatchet, int previousCounter, RandomSource random,
                             int maxSkippedKeys) throws SignalException {
        RatchetChain previous = state.chain(state.lastRemoteRatchet);
        if (previous != null && !previous.sending) {
            previous.fillTo(Integer.toUnsignedLong(previousCounter), maxSkippedKeys);
            previous.chainKey = null;
        }
        addChain(state, remoteRatchet, false);
        RatchetChain sending = state.chain(state.ourRatchetPublic);
        if (sending != null && sending.sending) {
            state.previousCounter = sending.counter;
            state.removeChain(sending);
        }
        Curve25519KeyPair next = Curve25519.generateKeyPair(random);
        state.ourRatchetPrivate = next.privateKey();
        state.ourRatchetPublic = next.publicKey();
        addChain(state, remoteRatchet, true);
        state.lastRemoteRatchet = remoteRatchet;
    }

    private static void addChain(SessionState state, byte[] remoteRatchet, boolean sending) throws SignalException {
        byte[] shared = X3dh.dh(state.ourRatchetPrivate, remoteRatchet);
        byte[] derived = SignalCrypto.deriveSecrets(shared, state.rootKey, SignalCrypto.INFO_RATCHET, 2);
        state.rootKey = Arrays.copyOfRange(derived, 0, 32);
        byte[] chainKey = Arrays.copyOfRange(derived, 32, 64);
        state.addChain(new RatchetChain(sending ? state.ourRatchetPublic : remoteRatchet, sending, -1, chainKey));
    }
}
