package com.wagateway.whatsapp.signal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One chain of the double ratchet (fact sheet §9.5): the ratchet public key it belongs to, its chain key and counter,
 * and (receiving chains only) the message keys it skipped. Counter is that of the last derived key, -1 before the
 * first, as libsignal-node counts. Byte arrays are replaced, never changed in place, so a copy may share them.
 */
final class RatchetChain {

    final byte[] ratchetKey;
    final boolean sending;
    int counter;
    /** Null once the chain is closed (its sender moved on); skipped keys stay usable. */
    byte[] chainKey;
    /** Skipped message key seeds by counter, ascending (filled in order); null while empty. */
    private LinkedHashMap<Integer, byte[]> skipped;

    RatchetChain(byte[] ratchetKey, boolean sending, int counter, byte[] chainKey) {
        this.ratchetKey = ratchetKey;
        this.sending = sending;
        this.counter = counter;
        this.chainKey = chainKey;
    }

    RatchetChain copy() {
        RatchetChain copy = new RatchetChain(ratchetKey, sending, counter, chainKey);
        if (skipped != null) {
            copy.skipped = new LinkedHashMap<>(skipped);
        }
        return copy;
    }

    /** Derives the next message key seed and advances the chain. */
    byte[] advance() {
        byte[] seed = SignalCrypto.messageKeySeed(chainKey);
        chainKey = SignalCrypto.nextChainKey(chainKey);
        counter++;
        return seed;
    }

    /**
     * The message key seed for {@code target}: a skipped one if the chain already passed it, else derived by advancing,
     * keeping the keys jumped over. A jump of more than {@code maxSkipped} keys fails, as libsignal-node's 2,000 does.
     */
    byte[] messageKeySeed(long target, int maxSkipped) throws SignalException {
        if (target <= counter) {
            byte[] seed = skipped == null ? null : skipped.remove((int) target);
            if (seed == null) {
                throw new SignalException(SignalException.Reason.DUPLICATE_MESSAGE,
                        "message key " + target + " already used or never kept");
            }
            return seed;
        }
        fillTo(target - 1, maxSkipped, target);
        return advance();
    }

    /** Keeps every message key up to and including {@code target} (the ratchet step closes the chain after this). */
    void fillTo(long target, int maxSkipped) throws SignalException {
        fillTo(target, maxSkipped, target);
    }

    private void fillTo(long target, int maxSkipped, long requested) throws SignalException {
        if (requested <= counter) {
            return;
        }
        if (requested - counter > maxSkipped) {
            throw new SignalException(SignalException.Reason.TOO_MANY_SKIPPED_KEYS,
                    "message " + requested + " is " + (requested - counter) + " keys ahead of the chain, limit " + maxSkipped);
        }
        if (chainKey == null) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "chain is closed");
        }
        while (counter < target) {
            byte[] seed = advance();
            if (skipped == null) {
                skipped = new LinkedHashMap<>();
            }
            skipped.put(counter, seed);
        }
        if (skipped != null) {
            Iterator<Integer> oldest = skipped.keySet().iterator();
            for (int excess = skipped.size() - maxSkipped; excess > 0; excess--) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** Drops up to {@code n} of the oldest skipped keys; returns how many it dropped. */
    int dropOldestSkipped(int n) {
        if (skipped == null) {
            return 0;
        }
        int dropped = 0;
        Iterator<Integer> oldest = skipped.keySet().iterator();
        while (dropped < n && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
            dropped++;
        }
        if (skipped.isEmpty()) {
            skipped = null;
        }
        return dropped;
    }

    int skippedCount() {
        return skipped == null ? 0 : skipped.size();
    }

    Map<Integer, byte[]> skipped() {
        return skipped == null ? Map.of() : skipped;
    }

    void putSkipped(int at, byte[] seed) {
        if (skipped == null) {
            skipped = new LinkedHashMap<>();
        }
        skipped.put(at, seed);
    }
}
