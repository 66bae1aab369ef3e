package com.wagateway.whatsapp.auth;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.LidMappingProtos.StoredLidMapping;
import com.wagateway.whatsapp.proto.LidMappingProtos.StoredLidMappings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The account's PN ↔ LID user mapping (fact sheet §10.0: {@code pnUser → lidUser} and the reverse), learned from
 * usync results, message alt attributes and the own {@code <success lid>}, kept in the session's
 * {@link CredentialStore}.
 *
 * <p>Each direction is split over {@value #SHARDS} entries ({@code lid-pn-NN}, {@code lid-lid-NN}) by a stable hash of
 * the key, so learning a mapping rewrites two small entries and a lookup reads one. Shards are read when needed and
 * not kept; memory holds only a bounded LRU of recent answers (including "not known"), created on first use. A user
 * whose LID or number changes keeps one consistent pair: the stale opposite entries are removed. Failures of the
 * store are {@link UncheckedIOException}, as in {@link com.wagateway.whatsapp.signal.SignalStore}.
 */
public final class LidMappingStore {

    /** Never change: existing entries are found by it. */
    static final int SHARDS = 32;
    public static final int DEFAULT_CACHE_ENTRIES = 128;

    private static final String PN_PREFIX = "lid-pn-";
    private static final String LID_PREFIX = "lid-lid-";
    private static final String UNKNOWN = "";

    private final CredentialStore store;
    private final int cacheEntries;
    private LinkedHashMap<String, String> cache;

    public LidMappingStore(CredentialStore store) {
        this(store, DEFAULT_CACHE_ENTRIES);
    }

    public LidMappingStore(CredentialStore store, int cacheEntries) {
        this.store = Objects.requireNonNull(store, "store");
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries must be >= 0");
        }
        this.cacheEntries = cacheEntries;
    }

    /** Learns that {@code pn} (a phone-number JID) is {@code lid} (its LID JID); devices are ignored. */
    public void learn(Jid pn, Jid lid) {
        requirePn(pn);
        requireLid(lid);
        learn(pn.user(), lid.user());
    }

    public void learn(String pnUser, String lidUser) {
        learnAll(Map.of(pnUser, lidUser));
    }

    /** Learns many mappings (a usync answer) with at most one write per touched shard. */
    public synchronized void learnAll(Map<String, String> pnToLid) {
        pnToLid.forEach((pn, lid) -> {
            requireUser(pn);
            requireUser(lid);
        });
        Batch batch = new Batch();
        for (Map.Entry<String, String> mapping : pnToLid.entrySet()) {
            String pn = mapping.getKey();
            String lid = mapping.getValue();
            Map<String, String> forward = batch.shard(PN_PREFIX, pn);
            Map<String, String> reverse = batch.shard(LID_PREFIX, lid);
            String oldLid = forward.get(pn);
            String oldPn = reverse.get(lid);
            if (lid.equals(oldLid) && pn.equals(oldPn)) {
                continue;
            }
            forward.put(pn, lid);
            reverse.put(lid, pn);
            batch.touched(PN_PREFIX, pn);
            batch.touched(LID_PREFIX, lid);
            if (oldLid != null && !oldLid.equals(lid)) {
                Map<String, String> staleReverse = batch.shard(LID_PREFIX, oldLid);
                if (staleReverse.remove(oldLid, pn)) {
                    batch.touched(LID_PREFIX, oldLid);
                }
                forget(LID_PREFIX, oldLid);
            }
            if (oldPn != null && !oldPn.equals(pn)) {
                Map<String, String> staleForward = batch.shard(PN_PREFIX, oldPn);
                if (staleForward.remove(oldPn, lid)) {
                    batch.touched(PN_PREFIX, oldPn);
                }
                forget(PN_PREFIX, oldPn);
            }
            remember(PN_PREFIX, pn, lid);
            remember(LID_PREFIX, lid, pn);
        }
        batch.writeTouched();
    }

    public synchronized Optional<String> lidUserFor(String pnUser) {
        return lookup(PN_PREFIX, requireUser(pnUser));
    }

    public synchronized Optional<String> pnUserFor(String lidUser) {
        return lookup(LID_PREFIX, requireUser(lidUser));
    }

    /** The LID JID of a phone-number JID, same device ({@code s.whatsapp.net → lid}, {@code hosted → hosted.lid}). */
    public Optional<Jid> lidFor(Jid pn) {
        requirePn(pn);
        String server = pn.server().equals(Jid.HOSTED) ? Jid.HOSTED_LID : Jid.LID;
        return lidUserFor(pn.user()).map(user -> Jid.of(user, pn.device(), server));
    }

    /** The phone-number JID of a LID JID, same device. */
    public Optional<Jid> pnFor(Jid lid) {
        requireLid(lid);
        String server = lid.server().equals(Jid.HOSTED_LID) ? Jid.HOSTED : Jid.WHATSAPP;
        return pnUserFor(lid.user()).map(user -> Jid.of(user, lid.device(), server));
    }

    private Optional<String> lookup(String prefix, String key) {
        String cached = cache == null ? null : cache.get(prefix + key);
        if (cached == null) {
            cached = readShard(shardName(prefix, key)).getOrDefault(key, UNKNOWN);
            remember(prefix, key, cached);
        }
        return cached.isEmpty() ? Optional.empty() : Optional.of(cached);
    }

    private void remember(String prefix, String key, String value) {
        if (cacheEntries == 0) {
            return;
        }
        if (cache == null) {
            cache = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > cacheEntries;
                }
            };
        }
        cache.put(prefix + key, value);
    }

    private void forget(String prefix, String key) {
        if (cache != null) {
            cache.remove(prefix + key);
        }
    }

    /** Deletes every shard of both directions (a logout: the mapping belonged to the account that is gone). */
    public synchronized void clear() {
        cache = null;
        try {
            for (int shard = 0; shard < SHARDS; shard++) {
                String suffix = (shard < 10 ? "0" : "") + shard;
                store.delete(PN_PREFIX + suffix);
                store.delete(LID_PREFIX + suffix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String shardName(String prefix, String key) {
        // String.hashCode is specified (stable across runs) but its low bits barely vary over digit strings,
        // so mix it (the MurmurHash3 finalizer) before taking the shard.
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        int shard = Math.floorMod(h, SHARDS);
        return prefix + (shard < 10 ? "0" : "") + shard;
    }

    private Map<String, String> readShard(String name) {
        try {
            Optional<byte[]> bytes = store.read(name);
            Map<String, String> out = new LinkedHashMap<>();
            if (bytes.isPresent()) {
                for (StoredLidMapping m : StoredLidMappings.parseFrom(bytes.get()).getMappingsList()) {
                    out.put(m.getFrom(), m.getTo());
                }
            }
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(new CredentialsFormatException("LID mapping entry " + name + " is corrupt", e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeShard(String name, Map<String, String> mappings) {
        StoredLidMappings.Builder out = StoredLidMappings.newBuilder();
        mappings.forEach((from, to) -> out.addMappings(StoredLidMapping.newBuilder().setFrom(from).setTo(to)));
        try {
            if (mappings.isEmpty()) {
                store.delete(name);
            } else {
                store.write(name, out.build().toByteArray());
            }
        } catch (IOException e) {
            cache = null; // the cache may now claim mappings the store does not hold
            throw new UncheckedIOException(e);
        }
    }

    private static String requireUser(String user) {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty() || user.length() > 64 || user.indexOf('@') >= 0 || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not a JID user part: " + user);
        }
        return user;
    }

    private static void requirePn(Jid pn) {
        if (!pn.server().equals(Jid.WHATSAPP) && !pn.server().equals(Jid.HOSTED)) {
            throw new IllegalArgumentException("not a phone-number JID: " + pn);
        }
    }

    private static void requireLid(Jid lid) {
        if (!lid.server().equals(Jid.LID) && !lid.server().equals(Jid.HOSTED_LID)) {
            throw new IllegalArgumentException("not a LID JID: " + lid);
        }
    }

    /** The shards one learnAll call reads and changes; forward shards are written before reverse ones. */
    private final class Batch {
        private final Map<String, Map<String, String>> shards = new HashMap<>();
        private final Set<String> touched = new LinkedHashSet<>();

        Map<String, String> shard(String prefix, String key) {
            return shards.computeIfAbsent(shardName(prefix, key), LidMappingStore.this::readShard);
        }

        void touched(String prefix, String key) {
            touched.add(shardName(prefix, key));
        }

        void writeTouched() {
            touched.stream().filter(n -> n.startsWith(PN_PREFIX)).forEach(n -> writeShard(n, shards.get(n)));
            touched.stream().filter(n -> n.startsWith(LID_PREFIX)).forEach(n -> writeShard(n, shards.get(n)));
        }
    }
}
