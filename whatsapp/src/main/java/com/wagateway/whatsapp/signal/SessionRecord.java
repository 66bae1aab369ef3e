package com.wagateway.whatsapp.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.proto.SignalProtos.StoredChain;
import com.wagateway.whatsapp.proto.SignalProtos.StoredSession;
import com.wagateway.whatsapp.proto.SignalProtos.StoredSessionRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every session state kept for one remote device, as libsignal-node's SessionRecord keeps them: at most one open, the
 * others archived (closed) so that messages still in flight for them decrypt. Ordered most recently used first, which
 * is the order decryption tries them in. Serialized as {@code StoredSessionRecord} (schemas/proto/signal.proto).
 */
final class SessionRecord {

    /**
     * States kept per remote device, the open one included. libsignal-node and libsignal-java keep 40; an archived
     * state only matters while messages the remote sent on it are still in flight when it set up a newer one (a
     * reinstall with the same identity, a retry's fresh session, both sides setting up at once), which is one or two
     * states back. The record is parsed and written on every message, so 10 keep that case covered at a quarter of
     * the cost; a message for an older state fails and its retry receipt makes the sender re-encrypt.
     */
    static final int MAX_STATES = 10;
    private static final int FORMAT_VERSION = 1;
    private static final int SKIPPED_ENTRY = 4 + SignalCrypto.KEY_LENGTH;

    private final List<SessionState> states;

    SessionRecord() {
        this.states = new ArrayList<>(2);
    }

    private SessionRecord(List<SessionState> states) {
        this.states = states;
    }

    List<SessionState> states() {
        return states;
    }

    SessionState openState() {
        for (SessionState state : states) {
            if (!state.closed) {
                return state;
            }
        }
        return null;
    }

    /** The responder-side state created by the pkmsg with this base key (libsignal's getSession). */
    SessionState stateWithTheirBaseKey(byte[] baseKey) {
        for (SessionState state : states) {
            if (!state.baseKeyOurs && Arrays.equals(state.baseKey, baseKey)) {
                return state;
            }
        }
        return null;
    }

    /** Archives the open state and puts {@code fresh} first, dropping the least recently used archived states. */
    void addNewState(SessionState fresh) {
        SessionState open = openState();
        if (open != null) {
            open.closed = true;
        }
        states.removeIf(s -> !s.baseKeyOurs && !fresh.baseKeyOurs && Arrays.equals(s.baseKey, fresh.baseKey));
        states.addFirst(fresh);
        for (int i = states.size() - 1; states.size() > MAX_STATES && i > 0; i--) {
            if (states.get(i).closed) {
                states.remove(i);
            }
        }
    }

    /** Replaces {@code old} by its updated copy and moves it first (it is now the most recently used). */
    void replaceAndPromote(SessionState old, SessionState updated) {
        states.remove(old);
        states.addFirst(updated);
    }

    /**
     * Keeps at most {@code max} skipped message keys in the whole record, dropping the oldest first: states from the
     * least recently used, and within a state its oldest chain first. The per-chain bound alone allowed
     * {@code max} x 5 chains x {@link #MAX_STATES} keys (~14 MB with libsignal's 40 states), all parsed and written on
     * every message; this bounds the keys to {@code max} x 36 bytes. A chain within the bound keeps all its keys,
     * so the common case (a few late messages) is untouched.
     */
    void trimSkippedKeys(int max) {
        int total = 0;
        for (SessionState state : states) {
            for (RatchetChain chain : state.chains) {
                total += chain.skippedCount();
            }
        }
        int excess = total - max;
        for (int i = states.size() - 1; excess > 0 && i >= 0; i--) {
            for (RatchetChain chain : states.get(i).chains) {
                if (excess <= 0) {
                    break;
                }
                excess -= chain.dropOldestSkipped(excess);
            }
        }
    }

    byte[] serialize() {
        StoredSessionRecord.Builder record = StoredSessionRecord.newBuilder().setVersion(FORMAT_VERSION);
        for (SessionState state : states) {
            record.addSessions(toProto(state));
        }
        return record.build().toByteArray();
    }

    /** @throws SignalException (INVALID_MESSAGE) when the stored bytes are not a record this code wrote */
    static SessionRecord deserialize(byte[] bytes) throws SignalException {
        try {
            StoredSessionRecord stored = StoredSessionRecord.parseFrom(bytes);
            if (stored.getVersion() != FORMAT_VERSION) {
                throw new SignalException(SignalException.Reason.INVALID_MESSAGE,
                        "stored session record has unknown format version " + stored.getVersion());
            }
            List<SessionState> states = new ArrayList<>(stored.getSessionsCount() + 1);
            for (StoredSession session : stored.getSessionsList()) {
                states.add(fromProto(session));
            }
            return new SessionRecord(states);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "stored session record is corrupt", e);
        }
    }

    private static StoredSession toProto(SessionState state) {
        StoredSession.Builder out = StoredSession.newBuilder()
                .setRemoteRegistrationId(state.remoteRegistrationId)
                .setRemoteIdentityKey(ByteString.copyFrom(state.remoteIdentityKey))
                .setBaseKey(ByteString.copyFrom(state.baseKey))
                .setBaseKeyOurs(state.baseKeyOurs)
                .setClosed(state.closed)
                .setRootKey(ByteString.copyFrom(state.rootKey))
                .setOurRatchetPrivate(ByteString.copyFrom(state.ourRatchetPrivate))
                .setOurRatchetPublic(ByteString.copyFrom(state.ourRatchetPublic))
                .setLastRemoteRatchet(ByteString.copyFrom(state.lastRemoteRatchet))
                .setPreviousCounter(state.previousCounter);
        if (state.pendingPreKey) {
            out.setPendingPreKey(true).setPendingSignedPreKeyId(state.pendingSignedPreKeyId);
            if (state.pendingPreKeyId != SessionState.NO_PRE_KEY) {
                out.setPendingPreKeyId(state.pendingPreKeyId);
            }
        }
        for (RatchetChain chain : state.chains) {
            StoredChain.Builder c = StoredChain.newBuilder()
                    .setRatchetKey(ByteString.copyFrom(chain.ratchetKey))
                    .setSending(chain.sending)
                    .setCounterPlusOne(chain.counter + 1);
            if (chain.chainKey != null) {
                c.setChainKey(ByteString.copyFrom(chain.chainKey));
            }
            if (chain.skippedCount() > 0) {
                ByteBuffer packed = ByteBuffer.allocate(chain.skippedCount() * SKIPPED_ENTRY);
                for (Map.Entry<Integer, byte[]> e : chain.skipped().entrySet()) {
                    packed.putInt(e.getKey()).put(e.getValue());
                }
                c.setSkippedKeys(ByteString.copyFrom(packed.array()));
            }
            out.addChains(c);
        }
        return out.build();
    }

    private static SessionState fromProto(StoredSession in) {
        SessionState state = new SessionState(in.getChainsCount() + 2);
        state.remoteRegistrationId = in.getRemoteRegistrationId();
        state.remoteIdentityKey = key(in.getRemoteIdentityKey(), 33);
        state.baseKey = key(in.getBaseKey(), 32);
        state.baseKeyOurs = in.getBaseKeyOurs();
        state.closed = in.getClosed();
        state.rootKey = key(in.getRootKey(), 32);
        state.ourRatchetPrivate = key(in.getOurRatchetPrivate(), 32);
        state.ourRatchetPublic = key(in.getOurRatchetPublic(), 32);
        state.lastRemoteRatchet = key(in.getLastRemoteRatchet(), 32);
        state.previousCounter = in.getPreviousCounter();
        state.pendingPreKey = in.getPendingPreKey();
        state.pendingSignedPreKeyId = in.getPendingSignedPreKeyId();
        state.pendingPreKeyId = in.hasPendingPreKeyId() ? in.getPendingPreKeyId() : SessionState.NO_PRE_KEY;
        for (StoredChain c : in.getChainsList()) {
            RatchetChain chain = new RatchetChain(key(c.getRatchetKey(), 32), c.getSending(), c.getCounterPlusOne() - 1,
                    c.hasChainKey() ? key(c.getChainKey(), 32) : null);
            ByteBuffer packed = c.getSkippedKeys().asReadOnlyByteBuffer();
            if (packed.remaining() % SKIPPED_ENTRY != 0) {
                throw new IllegalArgumentException("skipped keys are not whole entries");
            }
            while (packed.hasRemaining()) {
                int at = packed.getInt();
                byte[] seed = new byte[SignalCrypto.KEY_LENGTH];
                packed.get(seed);
                chain.putSkipped(at, seed);
            }
            state.chains.add(chain);
        }
        return state;
    }

    private static byte[] key(ByteString bytes, int length) {
        if (bytes.size() != length) {
            throw new IllegalArgumentException("stored key has " + bytes.size() + " bytes, expected " + length);
        }
        return bytes.toByteArray();
    }
}
