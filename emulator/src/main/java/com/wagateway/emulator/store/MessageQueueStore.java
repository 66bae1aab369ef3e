package com.wagateway.emulator.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stanzas waiting for a device that is offline, one file per device under
 * {@code queues/<phone>/<device>.json}; they are delivered before {@code <ib><offline count=N/>} at
 * login (fact sheet §8.1 step 6). A stanza stays here until the device acks it (§8.4): one delivered at
 * login but not acked before the device goes again is delivered again at its next login. Created at link,
 * deleted at unlink; for a virtual phone (device 0) created when it goes offline, deleted when it is back.
 */
public final class MessageQueueStore {

    private final JsonFiles files;
    private final Path dir;

    public MessageQueueStore(JsonFiles files, Path dataDir) {
        this.files = files;
        this.dir = dataDir.resolve("queues");
        files.ensureDirectory(dir);
    }

    public synchronized void create(String phoneNumber, int deviceId) {
        Path file = file(phoneNumber, deviceId);
        if (!Files.exists(file)) {
            files.write(file, new DeviceQueue(List.of()));
        }
    }

    /** Whether the device has a queue file (a linked companion; a phone only while it is offline). */
    public synchronized boolean exists(String phoneNumber, int deviceId) {
        return Files.exists(file(phoneNumber, deviceId));
    }

    public synchronized List<QueuedStanza> pending(String phoneNumber, int deviceId) {
        Path file = file(phoneNumber, deviceId);
        return Files.exists(file) ? files.read(file, DeviceQueue.class).stanzas() : List.of();
    }

    /** Adds stanzas at the end of the device's queue (no-op for a device that is not linked: no queue file). */
    public synchronized void append(String phoneNumber, int deviceId, List<QueuedStanza> stanzas) {
        Path file = file(phoneNumber, deviceId);
        if (stanzas.isEmpty() || !Files.exists(file)) {
            return;
        }
        List<QueuedStanza> all = new java.util.ArrayList<>(files.read(file, DeviceQueue.class).stanzas());
        all.addAll(stanzas);
        files.write(file, new DeviceQueue(all));
    }

    /** Removes the oldest stanza of this kind and id (the device acked it); false if none was queued. */
    public synchronized boolean remove(String phoneNumber, int deviceId, String kind, String id) {
        Path file = file(phoneNumber, deviceId);
        if (!Files.exists(file)) {
            return false;
        }
        List<QueuedStanza> all = new java.util.ArrayList<>(files.read(file, DeviceQueue.class).stanzas());
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).matches(kind, id)) {
                all.remove(i);
                files.write(file, new DeviceQueue(all));
                return true;
            }
        }
        return false;
    }

    public synchronized void delete(String phoneNumber, int deviceId) {
        files.delete(file(phoneNumber, deviceId));
    }

    private Path file(String phoneNumber, int deviceId) {
        return dir.resolve(phoneNumber).resolve(deviceId + ".json");
    }

    /** The stored queue of one device, oldest first. */
    public record DeviceQueue(List<QueuedStanza> stanzas) {
        public DeviceQueue {
            stanzas = stanzas == null ? List.of() : List.copyOf(stanzas);
        }
    }

    /**
     * One encoded node ({@code BinaryEncoder.encodeNode}), its id and its kind (the tag: message, receipt,
     * notification), which together match the client's {@code <ack id class>}.
     */
    public record QueuedStanza(String id, String kind, byte[] node) {
        public boolean matches(String ackClass, String ackId) {
            return id.equals(ackId) && (ackClass == null || ackClass.equals(kind));
        }
    }
}
