package com.wagateway.emulator.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stanzas waiting for a device that is offline, one file per device under
 * {@code queues/<phone>/<device>.json}; they are delivered before {@code <ib><offline count=N/>} at
 * login (fact sheet §8.1 step 6). Nothing enqueues yet: message fan-out is issue 7, so every queue is
 * empty today, but the structure, its lifecycle (created at link, deleted at unlink) and the count at
 * login are real.
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

    public synchronized List<QueuedStanza> pending(String phoneNumber, int deviceId) {
        Path file = file(phoneNumber, deviceId);
        return Files.exists(file) ? files.read(file, DeviceQueue.class).stanzas() : List.of();
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

    /** One encoded node ({@code BinaryEncoder.encodeNode}) and its id, for ack matching. */
    public record QueuedStanza(String id, byte[] node) {
    }
}
