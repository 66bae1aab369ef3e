package com.wagateway.whatsapp.auth;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.proto.AuthProtos.StoredPreKey;
import com.wagateway.whatsapp.proto.AuthProtos.StoredPreKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The {@code prekeys} entry: the private halves of the one-time prekeys uploaded to the server, which a
 * {@code pkmsg} names by id (issue 7). Only private keys are stored (the public half is derived), and nothing
 * of it stays in memory after an upload: 812 keys are about 30 KiB, a third of an idle session's budget.
 */
public final class OneTimePreKeys {

    private OneTimePreKeys() {
    }

    /** {@code count} fresh prekeys with ids {@code firstId, firstId+1, …} (Baileys: sequential from nextPreKeyId). */
    public static List<PreKey> generate(int firstId, int count, RandomSource random) {
        if (count < 0 || (long) firstId + count - 1 > PreKey.MAX_ID) {
            throw new IllegalArgumentException("prekey ids would pass " + PreKey.MAX_ID);
        }
        List<PreKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(new PreKey(firstId + i, Curve25519.generateKeyPair(random)));
        }
        return keys;
    }

    public static byte[] encode(List<PreKey> keys) {
        StoredPreKeys.Builder b = StoredPreKeys.newBuilder();
        for (PreKey key : keys) {
            b.addKeys(StoredPreKey.newBuilder().setId(key.id())
                    .setPrivateKey(ByteString.copyFrom(key.keyPair().privateKey())));
        }
        return b.build().toByteArray();
    }

    /** Appends {@code keys} to an existing entry (null: none yet) without decoding it. */
    public static byte[] append(byte[] existing, List<PreKey> keys) {
        byte[] added = encode(keys);
        if (existing == null || existing.length == 0) {
            return added;
        }
        // A repeated field's entries concatenate: two serialized lists joined are one list.
        byte[] out = new byte[existing.length + added.length];
        System.arraycopy(existing, 0, out, 0, existing.length);
        System.arraycopy(added, 0, out, existing.length, added.length);
        return out;
    }

    public static List<PreKey> decode(byte[] bytes) throws CredentialsFormatException {
        try {
            StoredPreKeys stored = StoredPreKeys.parseFrom(bytes);
            List<PreKey> keys = new ArrayList<>(stored.getKeysCount());
            for (StoredPreKey key : stored.getKeysList()) {
                keys.add(new PreKey(key.getId(), Curve25519.fromPrivateKey(key.getPrivateKey().toByteArray())));
            }
            return keys;
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new CredentialsFormatException("prekeys entry is corrupt: " + e.getMessage(), e);
        }
    }

    /** True when the entry holds a key with {@code id}; reads ids only (no key is derived). */
    public static boolean contains(byte[] bytes, int id) throws CredentialsFormatException {
        try {
            for (StoredPreKey key : StoredPreKeys.parseFrom(bytes).getKeysList()) {
                if (key.getId() == id) {
                    return true;
                }
            }
            return false;
        } catch (InvalidProtocolBufferException e) {
            throw new CredentialsFormatException("prekeys entry is corrupt: " + e.getMessage(), e);
        }
    }

    /** The key with {@code id}, deriving only its public half (a pkmsg needs one key of hundreds). */
    public static Optional<PreKey> find(byte[] bytes, int id) throws CredentialsFormatException {
        try {
            for (StoredPreKey key : StoredPreKeys.parseFrom(bytes).getKeysList()) {
                if (key.getId() == id) {
                    byte[] privateKey = key.getPrivateKey().toByteArray();
                    return Optional.of(new PreKey(id, Curve25519.fromPrivateKey(privateKey)));
                }
            }
            return Optional.empty();
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new CredentialsFormatException("prekeys entry is corrupt: " + e.getMessage(), e);
        }
    }

    /** The entry without the keys whose id matches {@code remove} (a used prekey is deleted, issue 7). */
    public static byte[] without(byte[] bytes, IntPredicate remove) throws CredentialsFormatException {
        try {
            StoredPreKeys stored = StoredPreKeys.parseFrom(bytes);
            StoredPreKeys.Builder kept = StoredPreKeys.newBuilder();
            for (StoredPreKey key : stored.getKeysList()) {
                if (!remove.test(key.getId())) {
                    kept.addKeys(key);
                }
            }
            return kept.build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new CredentialsFormatException("prekeys entry is corrupt: " + e.getMessage(), e);
        }
    }
}
