package com.wagateway.emulator.protocol;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which accounts have exchanged messages (1:1 either way, or in a group both belong to): the accounts told when
 * another one links or unlinks a device ({@link DeviceNotices}), as the real server tells a user's contacts. Kept in
 * memory: after a restart an account counts as a peer again from the next message exchanged.
 */
public final class Peers {

    private final Map<String, Set<String>> byAccount = new ConcurrentHashMap<>();

    /** {@code a} and {@code b} exchanged a message; both directions. */
    public void met(String a, String b) {
        if (a.equals(b)) {
            return;
        }
        byAccount.computeIfAbsent(a, n -> ConcurrentHashMap.newKeySet()).add(b);
        byAccount.computeIfAbsent(b, n -> ConcurrentHashMap.newKeySet()).add(a);
    }

    /** The accounts {@code phoneNumber} exchanged messages with (a snapshot). */
    public Set<String> of(String phoneNumber) {
        Set<String> peers = byAccount.get(phoneNumber);
        return peers == null ? Set.of() : Set.copyOf(peers);
    }
}
