package com.wagateway.whatsapp.signal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.crypto.ConstantTime;
import com.wagateway.whatsapp.proto.SenderKeyProtos.StoredSenderKeyRecord;
import com.wagateway.whatsapp.proto.SenderKeyProtos.StoredSenderKeyState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every sender key kept for one (group, sender device), newest first and at most {@value #MAX_STATES} (as Baileys'
 * SenderKeyRecord): a sender that rotates its key may still have messages in flight under the old one.
 */
final class SenderKeyRecord {

    static final int MAX_STATES = 5;

    private final List<SenderKeyState> states = new ArrayList<>();

    static SenderKeyRecord empty() {
        return new SenderKeyRecord();
    }

    /** @throws IllegalArgumentException when the bytes are not a record this class wrote */
    static SenderKeyRecord parse(byte[] bytes) {
        StoredSenderKeyRecord stored;
        try {
            stored = StoredSenderKeyRecord.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("unreadable sender key record", e);
        }
        SenderKeyRecord record = new SenderKeyRecord();
        for (StoredSenderKeyState state : stored.getStatesList()) {
            record.states.add(SenderKeyState.fromStored(state));
        }
        return record;
    }

    byte[] serialize() {
        StoredSenderKeyRecord.Builder out = StoredSenderKeyRecord.newBuilder();
        for (SenderKeyState state : states) {
            out.addStates(state.toStored());
        }
        return out.build().toByteArray();
    }

    Optional<SenderKeyState> state(int keyId) {
        return states.stream().filter(s -> s.keyId() == keyId).findFirst();
    }

    /** Our newest own key (one with a signing private key). */
    Optional<SenderKeyState> ownState() {
        return states.stream().filter(SenderKeyState::isOwn).findFirst();
    }

    /** A new own key replaces everything: we never decrypt under our own name. */
    void replaceWithOwn(SenderKeyState own) {
        states.clear();
        states.add(own);
    }

    /**
     * Adds a distributed key. The same key id with the same signing key again keeps the state we have (a repeated
     * SKDM must not rewind the chain and reopen used iterations); the same id with another signing key replaces it.
     */
    void addReceived(SenderKeyState received) {
        for (int i = 0; i < states.size(); i++) {
            SenderKeyState existing = states.get(i);
            if (existing.keyId() == received.keyId()) {
                states.remove(i);
                boolean sameKey = ConstantTime.equals(existing.signingPublic(), received.signingPublic());
                states.addFirst(sameKey ? existing : received);
                return;
            }
        }
        states.addFirst(received);
        while (states.size() > MAX_STATES) {
            states.removeLast();
        }
    }

    List<SenderKeyState> states() {
        return List.copyOf(states);
    }

    boolean isEmpty() {
        return states.isEmpty();
    }
}
