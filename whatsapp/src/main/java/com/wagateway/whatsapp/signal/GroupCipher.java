package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.RandomSource;

/** Sender keys for groups (fact sheet §9.7). SKELETON: the sender-key helper implements it. */
public final class GroupCipher {

    private GroupCipher() {
    }

    /** The SenderKeyDistributionMessage bytes for our own sender key in the group, creating the key if needed. */
    public static byte[] distributionMessage(SignalStore store, SenderKeyName own, RandomSource random) {
        throw new UnsupportedOperationException("signal: sender keys not implemented yet");
    }

    /** Stores the sender key another device distributed. */
    public static void processDistributionMessage(SignalStore store, SenderKeyName sender, byte[] distribution)
            throws SignalException {
        throw new UnsupportedOperationException();
    }

    /** Encrypts padded plaintext with our sender key: the serialized SenderKeyMessage (an {@code skmsg}). */
    public static byte[] encrypt(SignalStore store, SenderKeyName own, byte[] paddedPlaintext) throws SignalException {
        throw new UnsupportedOperationException();
    }

    public static byte[] decrypt(SignalStore store, SenderKeyName sender, byte[] senderKeyMessage, int maxSkippedKeys)
            throws SignalException {
        throw new UnsupportedOperationException();
    }
}
