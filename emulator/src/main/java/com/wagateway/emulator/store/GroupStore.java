package com.wagateway.emulator.store;

import com.wagateway.whatsapp.crypto.RandomSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The groups, in memory and written through to {@code groups/<id>.json}. */
public final class GroupStore {

    private final JsonFiles files;
    private final Path dir;
    private final RandomSource random;
    private final Clock clock;
    private final Map<String, GroupRecord> groups = new HashMap<>();

    public GroupStore(JsonFiles files, Path dataDir, RandomSource random, Clock clock) {
        this.files = files;
        this.dir = dataDir.resolve("groups");
        this.random = random;
        this.clock = clock;
        files.ensureDirectory(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : entries) {
                GroupRecord group = files.read(file, GroupRecord.class);
                groups.put(group.id(), group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A new group with a fresh id in the real service's style ({@code 120363} and 12 more digits). */
    public synchronized GroupRecord create(String subject, String creator, List<String> members) {
        String id;
        do {
            byte[] b = random.bytes(8);
            long value = 0;
            for (byte x : b) {
                value = (value << 8) | (x & 0xff);
            }
            id = "120363" + String.format("%012d", Math.floorMod(value, 1_000_000_000_000L));
        } while (groups.containsKey(id));
        GroupRecord group = new GroupRecord(id, subject, clock.instant(), creator, members);
        files.write(dir.resolve(id + ".json"), group);
        groups.put(id, group);
        return group;
    }

    public synchronized Optional<GroupRecord> get(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    public synchronized List<GroupRecord> list() {
        return List.copyOf(groups.values());
    }
}
