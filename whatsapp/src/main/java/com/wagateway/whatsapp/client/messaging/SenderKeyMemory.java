package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.jid.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which devices already hold our sender key for a group (Baileys {@code sender-key-memory}), persisted as one
 * store entry per group ({@code skmem-<group user>}) so a restart does not resend it to everyone. Read on each group
 * send, not cached: groups are few and the store is local.
 *
 * <p>The memory is only true for the key it was written for and for the identities the devices had then, so it also
 * records our key's id (a replaced key, e.g. after an unreadable record was started afresh, forgets every holder)
 * and the last identity change it has seen: identity changes are appended to one shared entry
 * ({@code skmem-identity-changes}, numbered, the last {@value #MAX_CHANGES}) and a group's memory drops the devices
 * changed since it was written (all of them if it is older than the changes kept). Entry format: a header line
 * {@code v2 <key id> <last change seen>}, then device JIDs, one a line.
 */
final class SenderKeyMemory {

    private static final System.Logger LOG = System.getLogger(SenderKeyMemory.class.getName());
    static final String CHANGES = "skmem-identity-changes";
    static final int MAX_CHANGES = 512;
    private static final String HEADER = "v2";
    private static final String ALL_DEVICES = "*";

    /** The devices holding key {@code keyId}, as of identity change {@code seenChange}; {@code devices} is mutable. */
    record Holders(int keyId, long seenChange, Set<String> devices) {}

    private record Change(long seq, String user, String device) {
        boolean matches(Jid jid) {
            return jid.user().equals(user) && (device.equals(ALL_DEVICES) || device.equals(
                    Integer.toString(jid.device())));
        }
    }

    private final CredentialStore store;
    private final String sessionId;
    private final Addressing addressing;

    SenderKeyMemory(CredentialStore store, String sessionId, Addressing addressing) {
        this.store = store;
        this.sessionId = sessionId;
        this.addressing = addressing;
    }

    static String entry(Jid group) {
        return "skmem-" + group.user();
    }

    /** The holders of our current key {@code keyId} in {@code group}. */
    Holders load(Jid group, int keyId) {
        List<String> lines = lines(entry(group));
        Set<String> devices = new LinkedHashSet<>();
        long seen = 0;
        String[] header = lines.isEmpty() ? new String[0] : lines.getFirst().split(" ");
        boolean sameKey = header.length == 3 && header[0].equals(HEADER) && header[1].equals(Integer.toString(keyId));
        if (sameKey) {
            seen = Long.parseLong(header[2]);
            for (String line : lines.subList(1, lines.size())) {
                devices.add(line);
            }
        } else if (!lines.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "event=sender_key_memory_reset sessionId={0} group={1} "
                    + "reason=new_sender_key", sessionId, group);
        }
        List<Change> changes = changes();
        long latest = changes.isEmpty() ? 0 : changes.getLast().seq();
        if (!devices.isEmpty() && latest > seen) {
            if (changes.getFirst().seq() > seen + 1) {
                // changes this memory has not seen fell out of the list: nobody can be trusted to hold the key
                devices.clear();
            } else {
                for (Change c : changes) {
                    if (c.seq() > seen) {
                        devices.removeIf(d -> {
                            Jid jid = Jid.tryParse(d);
                            return jid == null || c.matches(jid);
                        });
                    }
                }
            }
            LOG.log(System.Logger.Level.DEBUG, "event=sender_key_memory_identity_changes sessionId={0} group={1}",
                    sessionId, group);
        }
        return new Holders(keyId, Math.max(seen, latest), devices);
    }

    void save(Jid group, Holders holders) {
        StringBuilder out = new StringBuilder().append(HEADER).append(' ').append(holders.keyId()).append(' ')
                .append(holders.seenChange());
        for (String device : holders.devices()) {
            out.append('\n').append(device);
        }
        write(entry(group), out.toString());
    }

    /**
     * A device's identity changed (or every device of a user, {@code allDevices}): it lost our sender keys with its
     * old installation, so every group forgets it as a holder and the next send gives it the key again.
     */
    void identityChanged(Jid jid, boolean allDevices) {
        List<Change> changes = changes();
        long seq = changes.isEmpty() ? 1 : changes.getLast().seq() + 1;
        String device = allDevices ? ALL_DEVICES : Integer.toString(jid.device());
        changes.add(new Change(seq, jid.user(), device));
        // groups remember devices by the JID they were sent to, PN or LID: both forms are recorded
        Jid alt = Addressing.isLid(jid) ? addressing.pnOf(jid) : addressing.lidOf(jid);
        if (alt != null && !alt.user().equals(jid.user())) {
            changes.add(new Change(seq, alt.user(), device));
        }
        List<Change> kept = changes.subList(Math.max(0, changes.size() - MAX_CHANGES), changes.size());
        StringBuilder out = new StringBuilder();
        for (Change c : kept) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(c.seq()).append(' ').append(c.user()).append(' ').append(c.device());
        }
        write(CHANGES, out.toString());
        LOG.log(System.Logger.Level.INFO, "event=sender_key_holder_identity_changed sessionId={0} device={1}",
                sessionId, allDevices ? jid.toNormalizedUser() : jid);
    }

    private List<Change> changes() {
        List<Change> out = new ArrayList<>();
        for (String line : lines(CHANGES)) {
            String[] parts = line.split(" ");
            if (parts.length == 3) {
                out.add(new Change(Long.parseLong(parts[0]), parts[1], parts[2]));
            }
        }
        return out;
    }

    private List<String> lines(String name) {
        try {
            Optional<byte[]> bytes = store.read(name);
            List<String> out = new ArrayList<>();
            if (bytes.isPresent()) {
                for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        out.add(line);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String content) {
        try {
            store.write(name, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
