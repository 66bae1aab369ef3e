package com.wagateway.emulator.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one-time pre-keys each device uploaded (fact sheet §8.2), one file per device under
 * {@code prekeys/<phone>/<device>.json}: a fresh 7.x companion uploads 812 keys, so 10,000 devices keep
 * them on disk rather than in the heap. Only the count is held in memory (in {@link DeviceRecord}).
 */
public final class PreKeyStore {

    private final JsonFiles files;
    private final Path dir;

    public PreKeyStore(JsonFiles files, Path dataDir) {
        this.files = files;
        this.dir = dataDir.resolve("prekeys");
        files.ensureDirectory(dir);
    }

    /**
     * Merges uploaded keys into the device's file.
     *
     * @return how many keys the device has stored now
     */
    public synchronized int upload(String phoneNumber, int deviceId, Map<Integer, byte[]> keys) {
        Path file = file(phoneNumber, deviceId);
        TreeMap<Integer, byte[]> all = new TreeMap<>();
        if (Files.exists(file)) {
            all.putAll(files.read(file, DevicePreKeys.class).preKeys());
        }
        all.putAll(keys);
        files.write(file, new DevicePreKeys(all));
        return all.size();
    }

    public synchronized Map<Integer, byte[]> read(String phoneNumber, int deviceId) {
        Path file = file(phoneNumber, deviceId);
        return Files.exists(file) ? files.read(file, DevicePreKeys.class).preKeys() : Map.of();
    }

    /**
     * Hands out the device's lowest one-time pre-key and deletes it (a bundle fetch consumes it, §10.2);
     * empty when the stock is exhausted.
     */
    public synchronized Optional<Taken> take(String phoneNumber, int deviceId) {
        Path file = file(phoneNumber, deviceId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        TreeMap<Integer, byte[]> all = new TreeMap<>(files.read(file, DevicePreKeys.class).preKeys());
        Map.Entry<Integer, byte[]> first = all.pollFirstEntry();
        if (first == null) {
            return Optional.empty();
        }
        files.write(file, new DevicePreKeys(all));
        return Optional.of(new Taken(first.getKey(), first.getValue(), all.size()));
    }

    public synchronized void delete(String phoneNumber, int deviceId) {
        files.delete(file(phoneNumber, deviceId));
    }

    private Path file(String phoneNumber, int deviceId) {
        return dir.resolve(phoneNumber).resolve(deviceId + ".json");
    }

    /** A handed-out pre-key and how many are left. */
    public record Taken(int id, byte[] publicKey, int remaining) {
    }

    /** The stored form: key id → 32-byte public key. */
    public record DevicePreKeys(Map<Integer, byte[]> preKeys) {
        public DevicePreKeys {
            preKeys = preKeys == null ? Map.of() : new TreeMap<>(preKeys);
        }
    }
}
