package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.AesCbc;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Sender keys for groups (fact sheet §9.7), wire-compatible with Baileys 7's {@code lib/Signal/Group}. State lives in
 * the {@link SignalStore} as opaque records; nothing here is cached, and a record is written back only after an
 * operation fully succeeded, so a rejected message never changes the state.
 *
 * <p>Our own messages use iterations 0, 1, 2, …; Baileys senders use 0, 2, 4, … (§9.7), which receivers absorb as
 * skipped keys.
 */
public final class GroupCipher {

    private GroupCipher() {
    }

    /**
     * The SenderKeyDistributionMessage bytes for our own sender key in the group, creating the key if needed. A new key
     * draws from {@code random} in this order: key id (4 bytes, top bit cleared), chain key (32), signing private key (32).
     */
    public static byte[] distributionMessage(SignalStore store, SenderKeyName own, RandomSource random) {
        SenderKeyRecord record = loadOrFresh(store, own);
        SenderKeyState state = record.ownState().orElse(null);
        if (state == null) {
            int keyId = ByteBuffer.wrap(random.bytes(4)).getInt() & 0x7fff_ffff;
            byte[] chainKey = random.bytes(SenderChain.KEY_LENGTH);
            Curve25519KeyPair signing = Curve25519.generateKeyPair(random);
            state = SenderKeyState.own(keyId, chainKey, signing.publicKey(), signing.privateKey());
            record.replaceWithOwn(state);
            store.storeSenderKey(own, record.serialize());
        }
        return SenderKeyWire.encodeDistribution(state.keyId(), state.iteration(), state.chainKey(), state.signingPublic());
    }

    /** The sender key id a SenderKeyDistributionMessage carries (which key of ours the receivers will hold). */
    public static int keyId(byte[] distribution) throws SignalException {
        return SenderKeyWire.parseDistribution(distribution).keyId();
    }

    /** Stores the sender key another device distributed. */
    public static void processDistributionMessage(SignalStore store, SenderKeyName sender, byte[] distribution)
            throws SignalException {
        SenderKeyWire.Distribution message = SenderKeyWire.parseDistribution(distribution);
        SenderKeyRecord record = loadOrFresh(store, sender);
        record.addReceived(SenderKeyState.received(message.keyId(), message.iteration(), message.chainKey(),
                message.signingPublic()));
        store.storeSenderKey(sender, record.serialize());
    }

    /** Encrypts padded plaintext with our sender key: the serialized SenderKeyMessage (an {@code skmsg}). */
    public static byte[] encrypt(SignalStore store, SenderKeyName own, byte[] paddedPlaintext) throws SignalException {
        SenderKeyRecord record = loadRecord(store, own)
                .orElseThrow(() -> noSenderKey("no own sender key for this group yet"));
        SenderKeyState state = record.ownState()
                .orElseThrow(() -> noSenderKey("the sender key record holds no own key"));
        long iteration = state.iteration();
        SenderChain.MessageKey key = SenderChain.messageKey(state.nextOwnSeed());
        byte[] ciphertext;
        try {
            ciphertext = AesCbc.encrypt(key.cipherKey(), key.iv(), paddedPlaintext);
        } catch (CryptoException e) {
            throw new IllegalStateException("AES-CBC with a 32-byte key and 16-byte IV cannot fail", e);
        }
        byte[] message = SenderKeyWire.encodeMessage(state.keyId(), iteration, ciphertext, state.signingPrivate());
        store.storeSenderKey(own, record.serialize());
        return message;
    }

    /**
     * Decrypts a SenderKeyMessage: checks its signature, then takes the message key (moving the chain forward by at
     * most {@code maxSkippedKeys} iterations and keeping at most that many skipped keys).
     */
    public static byte[] decrypt(SignalStore store, SenderKeyName sender, byte[] senderKeyMessage, int maxSkippedKeys)
            throws SignalException {
        SenderKeyWire.Message message = SenderKeyWire.parseMessage(senderKeyMessage);
        SenderKeyRecord record = loadRecord(store, sender)
                .orElseThrow(() -> noSenderKey("no sender key from this device in this group"));
        SenderKeyState state = record.state(message.keyId())
                .orElseThrow(() -> noSenderKey("no sender key with id " + Integer.toUnsignedString(message.keyId())));
        if (!XEdDsa.verify(state.signingPublic(), message.signedPart(), message.signature())) {
            throw new SignalException(SignalException.Reason.BAD_SIGNATURE, "sender key message signature does not verify");
        }
        SenderChain.MessageKey key = SenderChain.messageKey(state.seedFor(message.iteration(), maxSkippedKeys));
        byte[] plaintext;
        try {
            plaintext = AesCbc.decrypt(key.cipherKey(), key.iv(), message.ciphertext());
        } catch (CryptoException e) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "sender key message does not decrypt", e);
        }
        store.storeSenderKey(sender, record.serialize());
        return plaintext;
    }

    /** A record we cannot read is answered like a missing one: the sender re-sends its key after a retry receipt. */
    private static Optional<SenderKeyRecord> loadRecord(SignalStore store, SenderKeyName name) throws SignalException {
        Optional<byte[]> bytes = store.loadSenderKey(name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            SenderKeyRecord record = SenderKeyRecord.parse(bytes.get());
            return record.isEmpty() ? Optional.empty() : Optional.of(record);
        } catch (IllegalArgumentException e) {
            throw new SignalException(SignalException.Reason.NO_SENDER_KEY, "stored sender key record is unreadable", e);
        }
    }

    /**
     * For writers: an unreadable record is started afresh (our own key is then replaced and members get a new
     * distribution message; a received one is replaced by the distribution being processed).
     */
    private static SenderKeyRecord loadOrFresh(SignalStore store, SenderKeyName name) {
        try {
            return loadRecord(store, name).orElseGet(SenderKeyRecord::empty);
        } catch (SignalException e) {
            // the store's owner logs it: only it knows the session
            store.senderKeyRecordReplaced(name);
            return SenderKeyRecord.empty();
        }
    }

    private static SignalException noSenderKey(String message) {
        return new SignalException(SignalException.Reason.NO_SENDER_KEY, message);
    }
}
