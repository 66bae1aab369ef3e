package com.wagateway.emulator.protocol;

import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A new companion on a registration connection (fact sheet §4.2), waiting to be linked by QR (§6) or
 * code (§7): the keys it registered (its pre-key bundle once paired), the refs it was given, and the
 * pairing step in flight. Guarded by its own monitor: the socket thread and admin calls both touch it.
 */
public final class PendingCompanion {

    /** What the registration ClientPayload carried. */
    public record Registration(byte[] noiseKey, byte[] identityKey, int registrationId, int signedPreKeyId,
                               byte[] signedPreKey, byte[] signedPreKeySignature, String platform) {
    }

    /** A companion_hello: the companion asked to be linked to {@code phoneNumber} by code. */
    record CodeRequest(String phoneNumber, byte[] wrappedCompanionEphemeral, String ref, Instant requestedAt) {
    }

    /** pair-success was sent with iq {@code iqId}; the phone waits for pair-device-sign. */
    record SignWait(String iqId, String phoneNumber, PhoneStore.DeviceSlot slot, byte[] details,
                    byte[] accountSignature, byte[] accountKey, CompletableFuture<DeviceRecord> result) {
    }

    /** The phone sent its wrapped ephemeral for {@code code}; it waits for companion_finish. */
    record FinishWait(String phoneNumber, String code, Curve25519KeyPair phoneEphemeral, CompletableFuture<byte[]> advSecret) {
    }

    private final ClientConnection connection;
    private final Registration registration;
    private final List<String> refs;
    private final Instant refsIssuedAt;
    private final Set<String> usedRefs = new HashSet<>();
    private CodeRequest codeRequest;
    private SignWait signWait;
    private FinishWait finishWait;
    private boolean pairing;

    PendingCompanion(ClientConnection connection, Registration registration, List<String> refs, Instant refsIssuedAt) {
        this.connection = connection;
        this.registration = registration;
        this.refs = List.copyOf(refs);
        this.refsIssuedAt = refsIssuedAt;
    }

    public ClientConnection connection() {
        return connection;
    }

    public Registration registration() {
        return registration;
    }

    List<String> refs() {
        return refs;
    }

    Instant refsIssuedAt() {
        return refsIssuedAt;
    }

    synchronized boolean markRefUsed(String ref) {
        return usedRefs.add(ref);
    }

    /** Claims the companion for one pairing attempt; false if one is in flight. */
    synchronized boolean beginPairing() {
        if (pairing) {
            return false;
        }
        pairing = true;
        return true;
    }

    synchronized void endPairing() {
        pairing = false;
    }

    synchronized CodeRequest codeRequest() {
        return codeRequest;
    }

    synchronized void codeRequest(CodeRequest request) {
        this.codeRequest = request;
    }

    synchronized SignWait signWait() {
        return signWait;
    }

    synchronized void signWait(SignWait wait) {
        this.signWait = wait;
    }

    synchronized FinishWait finishWait() {
        return finishWait;
    }

    synchronized void finishWait(FinishWait wait) {
        this.finishWait = wait;
    }

    /** The connection closed: whatever the phone waits for will never come. */
    synchronized void abandon() {
        PairingException gone = new PairingException(PairingException.Kind.DISCONNECTED, "the companion disconnected");
        if (signWait != null) {
            signWait.result().completeExceptionally(gone);
        }
        if (finishWait != null) {
            finishWait.advSecret().completeExceptionally(gone);
        }
    }
}
