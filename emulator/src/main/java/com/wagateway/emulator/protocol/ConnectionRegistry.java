package com.wagateway.emulator.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open client connection, the logged-in ones by device JID (one per device: a second login
 * replaces the first, fact sheet §8.5) and the pending companions by the refs they were given.
 */
public final class ConnectionRegistry {

    private final Set<ClientConnection> all = ConcurrentHashMap.newKeySet();
    private final Map<String, ClientConnection> byDevice = new ConcurrentHashMap<>();
    private final Map<String, PendingCompanion> byRef = new ConcurrentHashMap<>();

    void add(ClientConnection connection) {
        all.add(connection);
    }

    void remove(ClientConnection connection) {
        all.remove(connection);
        byDevice.values().remove(connection);
    }

    /** Makes {@code connection} the device's connection; returns the one it replaces, if any. */
    Optional<ClientConnection> bindDevice(String deviceJid, ClientConnection connection) {
        return Optional.ofNullable(byDevice.put(deviceJid, connection)).filter(previous -> previous != connection);
    }

    public Optional<ClientConnection> device(String deviceJid) {
        return Optional.ofNullable(byDevice.get(deviceJid));
    }

    void addRefs(PendingCompanion companion) {
        for (String ref : companion.refs()) {
            byRef.put(ref, companion);
        }
    }

    void removeRefs(PendingCompanion companion) {
        for (String ref : companion.refs()) {
            byRef.remove(ref, companion);
        }
    }

    Optional<PendingCompanion> companionByRef(String ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    /** Pending companions that asked for a pairing code for {@code phoneNumber}, newest first. */
    List<PendingCompanion> codeRequestsFor(String phoneNumber) {
        List<PendingCompanion> out = new ArrayList<>();
        for (ClientConnection connection : all) {
            if (connection.state() instanceof ConnectionState.Registering(PendingCompanion companion)) {
                PendingCompanion.CodeRequest request = companion.codeRequest();
                if (request != null && request.phoneNumber().equals(phoneNumber)) {
                    out.add(companion);
                }
            }
        }
        out.sort((a, b) -> b.codeRequest().requestedAt().compareTo(a.codeRequest().requestedAt()));
        return out;
    }

    public List<ClientConnection> all() {
        return List.copyOf(all);
    }

    public int size() {
        return all.size();
    }
}
