package com.wagateway.whatsapp.signal;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.proto.SenderKeyProtos.StoredSenderKeyState;

import java.util.BitSet;

/**
 * One sender key of one device in one group: its chain and signing key, and the message keys skipped so far.
 *
 * <p>Skipped keys are not stored one by one (a Baileys sender leaves one behind per message, §9.7, which would make
 * every record tens of kilobytes): the state keeps the chain key at the oldest unused skipped iteration and a bitmap
 * of which later iterations are still unused, so a record stays a few hundred bytes. The cost is that a stolen state
 * could re-derive already used keys inside that window (at most {@code maxSkippedKeys} iterations); the gateway keeps
 * message history in plaintext anyway, so this is no real loss.
 */
final class SenderKeyState {

    private static final long MAX_ITERATION = 0xFFFF_FFFFL;

    private final int keyId;
    private long iteration;
    private byte[] chainKey;
    private final byte[] signingPublic;
    private final byte[] signingPrivate;
    private long skippedStart;
    private byte[] skippedChainKey;
    private BitSet skippedUnused;

    private SenderKeyState(int keyId, long iteration, byte[] chainKey, byte[] signingPublic, byte[] signingPrivate) {
        this.keyId = keyId;
        this.iteration = iteration;
        this.chainKey = chainKey;
        this.signingPublic = signingPublic;
        this.signingPrivate = signingPrivate;
    }

    /** Our own key: we encrypt with it and sign with {@code signingPrivate}. */
    static SenderKeyState own(int keyId, byte[] chainKey, byte[] signingPublic, byte[] signingPrivate) {
        return new SenderKeyState(keyId, 0, chainKey.clone(), signingPublic.clone(), signingPrivate.clone());
    }

    /** A key another device distributed (raw 32-byte signing key). */
    static SenderKeyState received(int keyId, long iteration, byte[] chainKey, byte[] signingPublic) {
        return new SenderKeyState(keyId, iteration, chainKey.clone(), signingPublic.clone(), null);
    }

    int keyId() {
        return keyId;
    }

    long iteration() {
        return iteration;
    }

    byte[] chainKey() {
        return chainKey.clone();
    }

    byte[] signingPublic() {
        return signingPublic.clone();
    }

    boolean isOwn() {
        return signingPrivate != null;
    }

    byte[] signingPrivate() {
        return signingPrivate.clone();
    }

    boolean hasSkippedKeys() {
        return skippedChainKey != null;
    }

    /** The message seed for our next message; iterations run 0, 1, 2, … (no Baileys gaps). */
    byte[] nextOwnSeed() throws SignalException {
        if (iteration >= MAX_ITERATION) {
            throw new SignalException(SignalException.Reason.INVALID_KEY, "sender key chain exhausted");
        }
        byte[] seed = SenderChain.messageSeed(chainKey);
        chainKey = SenderChain.next(chainKey);
        iteration++;
        return seed;
    }

    /**
     * The message seed for a received message at {@code target}, moving the chain forward or taking a skipped key.
     * Changes this object even when the caller later fails, so callers only persist it on success.
     */
    byte[] seedFor(long target, int maxSkippedKeys) throws SignalException {
        if (target >= MAX_ITERATION) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "sender key iteration out of range");
        }
        if (target < iteration) {
            return takeSkipped(target);
        }
        if (target - iteration > maxSkippedKeys) {
            throw new SignalException(SignalException.Reason.TOO_MANY_SKIPPED_KEYS,
                    "sender key message " + (target - iteration) + " iterations ahead, limit " + maxSkippedKeys);
        }
        if (target > iteration) {
            if (skippedChainKey == null) {
                skippedStart = iteration;
                skippedChainKey = chainKey;
                skippedUnused = new BitSet();
            }
            skippedUnused.set(offset(iteration), offset(target));
        }
        byte[] key = SenderChain.advance(chainKey, target - iteration);
        byte[] seed = SenderChain.messageSeed(key);
        chainKey = SenderChain.next(key);
        iteration = target + 1;
        trimSkipped(maxSkippedKeys);
        return seed;
    }

    private byte[] takeSkipped(long target) throws SignalException {
        if (skippedChainKey == null || target < skippedStart || !skippedUnused.get(offset(target))) {
            throw new SignalException(SignalException.Reason.DUPLICATE_MESSAGE,
                    "sender key message at iteration " + target + " already received or too old (chain at " + iteration + ")");
        }
        byte[] seed = SenderChain.messageSeed(SenderChain.advance(skippedChainKey, target - skippedStart));
        skippedUnused.clear(offset(target));
        dropUsedPrefix();
        return seed;
    }

    private void trimSkipped(int maxSkippedKeys) {
        if (skippedChainKey == null) {
            return;
        }
        long oldestKept = iteration - Math.max(0, maxSkippedKeys);
        if (skippedStart < oldestKept) {
            moveSkippedStart(oldestKept - skippedStart);
        }
        dropUsedPrefix();
    }

    /** Keeps the window starting at an unused key, so its chain key derives nothing older than needed. */
    private void dropUsedPrefix() {
        int first = skippedUnused.nextSetBit(0);
        if (first < 0 || skippedStart + first >= iteration) {
            skippedChainKey = null;
            skippedUnused = null;
            skippedStart = 0;
        } else if (first > 0) {
            moveSkippedStart(first);
        }
    }

    private void moveSkippedStart(long steps) {
        skippedChainKey = SenderChain.advance(skippedChainKey, steps);
        skippedUnused = skippedUnused.get((int) steps, Math.max((int) steps, skippedUnused.length()));
        skippedStart += steps;
    }

    private int offset(long target) {
        return (int) (target - skippedStart);
    }

    StoredSenderKeyState toStored() {
        StoredSenderKeyState.Builder out = StoredSenderKeyState.newBuilder()
                .setKeyId(keyId)
                .setIteration((int) iteration)
                .setChainKey(ByteString.copyFrom(chainKey))
                .setSigningPublic(ByteString.copyFrom(signingPublic));
        if (signingPrivate != null) {
            out.setSigningPrivate(ByteString.copyFrom(signingPrivate));
        }
        if (skippedChainKey != null) {
            out.setSkippedStart((int) skippedStart)
                    .setSkippedChainKey(ByteString.copyFrom(skippedChainKey))
                    .setSkippedUnused(ByteString.copyFrom(skippedUnused.toByteArray()));
        }
        return out.build();
    }

    /** @throws IllegalArgumentException when the stored state is not one this class wrote */
    static SenderKeyState fromStored(StoredSenderKeyState stored) {
        if (!stored.hasKeyId() || !stored.hasIteration()
                || stored.getChainKey().size() != SenderChain.KEY_LENGTH
                || stored.getSigningPublic().size() != Curve25519.KEY_LENGTH
                || (stored.hasSigningPrivate() && stored.getSigningPrivate().size() != Curve25519.KEY_LENGTH)) {
            throw new IllegalArgumentException("incomplete sender key state");
        }
        SenderKeyState state = new SenderKeyState(stored.getKeyId(), Integer.toUnsignedLong(stored.getIteration()),
                stored.getChainKey().toByteArray(), stored.getSigningPublic().toByteArray(),
                stored.hasSigningPrivate() ? stored.getSigningPrivate().toByteArray() : null);
        if (stored.hasSkippedChainKey()) {
            long start = Integer.toUnsignedLong(stored.getSkippedStart());
            if (stored.getSkippedChainKey().size() != SenderChain.KEY_LENGTH || start >= state.iteration) {
                throw new IllegalArgumentException("bad skipped-key window");
            }
            BitSet unused = BitSet.valueOf(stored.getSkippedUnused().toByteArray());
            if (!unused.get(0) || unused.length() > state.iteration - start) {
                throw new IllegalArgumentException("bad skipped-key bitmap"); // we always write it starting at a set bit
            }
            state.skippedStart = start;
            state.skippedChainKey = stored.getSkippedChainKey().toByteArray();
            state.skippedUnused = unused;
        }
        return state;
    }
}
