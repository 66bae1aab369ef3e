package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.jid.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which devices already hold our sender key for a group (Baileys {@code sender-key-memory}), persisted as one
 * store entry per group ({@code skmem-<group user>}: device JIDs, one a line) so a restart does not resend it to
 * everyone. Read on each group send, not cached: groups are few and the store is local.
 */
final class SenderKeyMemory {

    private final CredentialStore store;

    SenderKeyMemory(CredentialStore store) {
        this.store = store;
    }

    static String entry(Jid group) {
        return "skmem-" + group.user();
    }

    Set<String> load(Jid group) {
        try {
            Optional<byte[]> bytes = store.read(entry(group));
            Set<String> devices = new LinkedHashSet<>();
            if (bytes.isPresent()) {
                for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        devices.add(line);
                    }
                }
            }
            return devices;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void save(Jid group, Set<String> devices) {
        try {
            store.write(entry(group), String.join("\n", devices).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
