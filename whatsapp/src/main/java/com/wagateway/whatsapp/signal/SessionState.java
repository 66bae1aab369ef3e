package com.wagateway.whatsapp.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One session with a remote device (libsignal-node's SessionEntry): the X3DH outcome and the ratchet state. Mutable;
 * {@link SessionCipher} works on a copy when a failed attempt must leave no trace. Public keys are raw 32 bytes except
 * {@link #remoteIdentityKey}, which is kept typed (33) because the MAC covers it in that form (§9.6).
 */
final class SessionState {

    /** Old receiving chains kept for late messages (libsignal-java keeps 5; libsignal-node never drops any). */
    static final int MAX_RECEIVING_CHAINS = 5;
    static final int NO_PRE_KEY = -1;

    int remoteRegistrationId;
    byte[] remoteIdentityKey;
    byte[] baseKey;
    boolean baseKeyOurs;
    boolean closed;
    byte[] rootKey;
    byte[] ourRatchetPrivate;
    byte[] ourRatchetPublic;
    byte[] lastRemoteRatchet;
    int previousCounter;
    boolean pendingPreKey;
    int pendingSignedPreKeyId;
    int pendingPreKeyId = NO_PRE_KEY;
    final List<RatchetChain> chains;

    SessionState(int chainCapacity) {
        this.chains = new ArrayList<>(chainCapacity);
    }

    SessionState copy() {
        SessionState copy = new SessionState(chains.size() + 2);
        copy.remoteRegistrationId = remoteRegistrationId;
        copy.remoteIdentityKey = remoteIdentityKey;
        copy.baseKey = baseKey;
        copy.baseKeyOurs = baseKeyOurs;
        copy.closed = closed;
        copy.rootKey = rootKey;
        copy.ourRatchetPrivate = ourRatchetPrivate;
        copy.ourRatchetPublic = ourRatchetPublic;
        copy.lastRemoteRatchet = lastRemoteRatchet;
        copy.previousCounter = previousCounter;
        copy.pendingPreKey = pendingPreKey;
        copy.pendingSignedPreKeyId = pendingSignedPreKeyId;
        copy.pendingPreKeyId = pendingPreKeyId;
        for (RatchetChain chain : chains) {
            copy.chains.add(chain.copy());
        }
        return copy;
    }

    RatchetChain chain(byte[] ratchetKey) {
        for (int i = chains.size() - 1; i >= 0; i--) {
            RatchetChain chain = chains.get(i);
            if (Arrays.equals(chain.ratchetKey, ratchetKey)) {
                return chain;
            }
        }
        return null;
    }

    void addChain(RatchetChain chain) {
        chains.add(chain);
        if (!chain.sending) {
            int receiving = 0;
            for (RatchetChain c : chains) {
                receiving += c.sending ? 0 : 1;
            }
            for (int i = 0; receiving > MAX_RECEIVING_CHAINS && i < chains.size(); ) {
                if (!chains.get(i).sending) {
                    chains.remove(i);
                    receiving--;
                } else {
                    i++;
                }
            }
        }
    }

    void removeChain(RatchetChain chain) {
        chains.remove(chain);
    }
}
