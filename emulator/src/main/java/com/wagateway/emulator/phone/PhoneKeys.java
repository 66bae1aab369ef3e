package com.wagateway.emulator.phone;

import com.wagateway.emulator.store.JsonFiles;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalStore;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A virtual phone's Signal state, persisted as {@code phone-keys/<number>.json}: the account identity (the
 * phone's key pair from its {@code PhoneRecord}), a signed pre-key, a stock of one-time pre-keys, sessions,
 * remote identities, sender keys and which devices hold its sender key per group. Changes are kept in
 * memory and written by {@link #flush()}, which the phone calls when its work queue runs empty, at most once a
 * second (so a burst of 1,000 messages is not 1,000 fsyncs), and at shutdown; a restart keeps what was flushed.
 */
final class PhoneKeys implements SignalStore {

    /** Stock the phone keeps of one-time pre-keys not yet handed out. */
    private static final int PRE_KEY_BATCH = 20;
    /** Handed-out pre-keys never used are dropped past this many (a fetch without a following message). */
    private static final int MAX_PRE_KEYS = 500;

    private final JsonFiles files;
    private final Path file;
    private final Curve25519KeyPair identity;
    private final int registrationId;
    private final RandomSource random;
    private State state;
    private boolean dirty;

    private PhoneKeys(JsonFiles files, Path file, Curve25519KeyPair identity, int registrationId, RandomSource random,
                      State state) {
        this.files = files;
        this.file = file;
        this.identity = identity;
        this.registrationId = registrationId;
        this.random = random;
        this.state = state;
    }

    static PhoneKeys loadOrCreate(JsonFiles files, Path dataDir, String phoneNumber, Curve25519KeyPair identity,
                                  int registrationId, RandomSource random) {
        Path file = dataDir.resolve("phone-keys").resolve(phoneNumber + ".json");
        if (Files.exists(file)) {
            return new PhoneKeys(files, file, identity, registrationId, random, files.read(file, State.class));
        }
        Curve25519KeyPair signed = Curve25519.generateKeyPair(random);
        byte[] signature = XEdDsa.sign(identity.privateKey(), signed.typedPublicKey());
        State state = new State();
        state.signedPreKeyId = 1;
        state.signedPreKeyPrivate = signed.privateKey();
        state.signedPreKeySignature = signature;
        state.nextPreKeyId = 1;
        state.nextHandout = 1;
        PhoneKeys keys = new PhoneKeys(files, file, identity, registrationId, random, state);
        keys.refill();
        keys.dirty = true;
        keys.flush();
        return keys;
    }

    /** The bundle the server hands out for this phone, consuming a one-time pre-key (§10.2). */
    synchronized PreKeyBundle takeBundle() {
        if (state.nextPreKeyId - state.nextHandout < 1) {
            refill();
        }
        int id = state.nextHandout++;
        Curve25519KeyPair preKey = Curve25519.fromPrivateKey(state.preKeys.get(id));
        if (state.nextPreKeyId - state.nextHandout < 5) {
            refill();
        }
        dirty = true;
        Curve25519KeyPair signed = Curve25519.fromPrivateKey(state.signedPreKeyPrivate);
        return new PreKeyBundle(registrationId, 0, identity.publicKey(), state.signedPreKeyId, signed.publicKey(),
                state.signedPreKeySignature.clone(), id, preKey.publicKey());
    }

    private void refill() {
        for (int i = 0; i < PRE_KEY_BATCH; i++) {
            state.preKeys.put(state.nextPreKeyId++, Curve25519.generateKeyPair(random).privateKey());
        }
        while (state.preKeys.size() > MAX_PRE_KEYS) {
            state.preKeys.pollFirstEntry();
        }
        dirty = true;
    }

    synchronized boolean senderKeySentTo(String groupJid, String deviceJid) {
        return state.senderKeyShared.getOrDefault(groupJid, Set.of()).contains(deviceJid);
    }

    synchronized void markSenderKeySent(String groupJid, List<String> deviceJids) {
        state.senderKeyShared.computeIfAbsent(groupJid, g -> new HashSet<>()).addAll(deviceJids);
        dirty = true;
    }

    synchronized void forgetSenderKeySent(String groupJid, String deviceJid) {
        Set<String> shared = state.senderKeyShared.get(groupJid);
        if (shared != null && shared.remove(deviceJid)) {
            dirty = true;
        }
    }

    /**
     * The account's app-state sync key, created on the first call (§8.6): a random 6-byte id and 32 random
     * bytes of key material; persisted with the rest of the phone's state.
     */
    synchronized AppStateKey appStateKey(long nowMs) {
        if (state.appStateKeyId == null || state.appStateKeyData == null) {
            state.appStateKeyId = random.bytes(AppStateKey.ID_LENGTH);
            state.appStateKeyData = random.bytes(AppStateKey.DATA_LENGTH);
            state.appStateKeyRawId = java.nio.ByteBuffer.wrap(random.bytes(4)).getInt() & 0x7fffffff;
            state.appStateKeyCreatedMs = nowMs;
            dirty = true;
        }
        return new AppStateKey(state.appStateKeyId, state.appStateKeyData, state.appStateKeyRawId,
                state.appStateKeyCreatedMs);
    }

    /** Writes the state if it changed since the last flush. */
    synchronized void flush() {
        if (dirty) {
            files.write(file, state);
            dirty = false;
        }
    }

    @Override
    public Curve25519KeyPair identityKeyPair() {
        return identity;
    }

    @Override
    public int localRegistrationId() {
        return registrationId;
    }

    @Override
    public synchronized Optional<Curve25519KeyPair> loadPreKey(int id) {
        byte[] key = state.preKeys.get(id);
        return key == null ? Optional.empty() : Optional.of(Curve25519.fromPrivateKey(key));
    }

    @Override
    public synchronized void removePreKey(int id) {
        if (state.preKeys.remove(id) != null) {
            dirty = true;
        }
    }

    @Override
    public synchronized Optional<SignedPreKey> loadSignedPreKey(int id) {
        if (id != state.signedPreKeyId) {
            return Optional.empty();
        }
        return Optional.of(new SignedPreKey(id, Curve25519.fromPrivateKey(state.signedPreKeyPrivate),
                state.signedPreKeySignature.clone()));
    }

    @Override
    public synchronized Optional<byte[]> loadSession(SignalAddress address) {
        return copy(state.sessions.get(address.toString()));
    }

    @Override
    public synchronized void storeSession(SignalAddress address, byte[] record) {
        state.sessions.put(address.toString(), record.clone());
        dirty = true;
    }

    @Override
    public synchronized void deleteSession(SignalAddress address) {
        if (state.sessions.remove(address.toString()) != null) {
            dirty = true;
        }
    }

    @Override
    public synchronized Optional<byte[]> loadIdentity(SignalAddress address) {
        return copy(state.identities.get(address.toString()));
    }

    @Override
    public synchronized void saveIdentity(SignalAddress address, byte[] typedIdentityKey) {
        state.identities.put(address.toString(), typedIdentityKey.clone());
        dirty = true;
    }

    @Override
    public synchronized Optional<byte[]> loadSenderKey(SenderKeyName name) {
        return copy(state.senderKeys.get(name.serialize()));
    }

    @Override
    public synchronized void storeSenderKey(SenderKeyName name, byte[] record) {
        state.senderKeys.put(name.serialize(), record.clone());
        dirty = true;
    }

    private static Optional<byte[]> copy(byte[] stored) {
        return stored == null ? Optional.empty() : Optional.of(stored.clone());
    }

    /**
     * The stored form (Jackson writes byte arrays as base64); mutable, only touched under this store's lock.
     * {@code nextHandout} is the lowest one-time pre-key id not handed out yet; lower ids still present were
     * handed out and wait for the pkmsg that uses them.
     */
    static final class State {
        public int signedPreKeyId;
        public byte[] signedPreKeyPrivate;
        public byte[] signedPreKeySignature;
        public int nextPreKeyId;
        public int nextHandout;
        public TreeMap<Integer, byte[]> preKeys = new TreeMap<>();
        public Map<String, byte[]> sessions = new HashMap<>();
        public Map<String, byte[]> identities = new HashMap<>();
        public Map<String, byte[]> senderKeys = new HashMap<>();
        public Map<String, Set<String>> senderKeyShared = new HashMap<>();
        public byte[] appStateKeyId;
        public byte[] appStateKeyData;
        public int appStateKeyRawId;
        public long appStateKeyCreatedMs;

        public State() {
        }
    }
}
