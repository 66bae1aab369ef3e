package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.signal.SignalAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Users' device lists by usync (fact sheet §10.1), cached per user for 5 minutes as the reference does and dropped
 * on a {@code devices} notification; every {@code <lid val>} in an answer is stored as a mapping and the user's
 * PN sessions move to the LID address. Runs on the serial executor.
 */
final class DeviceDirectory {

    private static final System.Logger LOG = System.getLogger(DeviceDirectory.class.getName());
    static final long TTL_MILLIS = 5 * 60_000;
    static final int CAPACITY = 256;

    private final MessagingContext context;
    private final Addressing addressing;
    private final LidSignalStore store;
    private final ExpiringLru<Jid, List<Integer>> cache = new ExpiringLru<>(CAPACITY, TTL_MILLIS);

    DeviceDirectory(MessagingContext context, Addressing addressing, LidSignalStore store) {
        this.context = context;
        this.addressing = addressing;
        this.store = store;
    }

    /**
     * The device JIDs of {@code users} (user JIDs, PN or LID), each in its user's namespace, device 0 included,
     * in the order asked. Users the server does not know contribute nothing.
     */
    CompletableFuture<List<Jid>> devicesOf(List<Jid> users) {
        long now = context.clock().millis();
        LinkedHashSet<Jid> unique = new LinkedHashSet<>();
        for (Jid u : users) {
            unique.add(u.toNormalizedUser());
        }
        List<Jid> missing = new ArrayList<>();
        for (Jid u : unique) {
            if (cache.get(u, now) == null) {
                missing.add(u);
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(collect(unique, now));
        }
        return context.stanzas().query(Usync.query(context.stanzas().nextId(), missing)).thenApply(answer -> {
            Map<Jid, Usync.UserDevices> result = Usync.parse(answer);
            long at = context.clock().millis();
            for (Usync.UserDevices ud : result.values()) {
                cache.put(ud.user(), ud.devices(), at);
                if (ud.lid() != null) {
                    learned(ud.user(), ud.lid(), ud.devices());
                }
            }
            for (Jid u : missing) {
                if (!result.containsKey(u)) {
                    LOG.log(System.Logger.Level.DEBUG, "event=usync_user_missing sessionId={0}",
                            context.sessionId());
                }
            }
            return collectFound(unique, result, at);
        });
    }

    /** A mapping learned anywhere: stored, and {@code pn}'s sessions moved to the LID address. */
    void learned(Jid a, Jid b, List<Integer> devices) {
        if (!addressing.learn(a, b)) {
            return;
        }
        Jid pn = Addressing.isPn(a) ? a : b;
        Jid lid = Addressing.isPn(a) ? b : a;
        LinkedHashSet<Integer> known = new LinkedHashSet<>();
        known.add(0);
        known.add(pn.device());
        List<Integer> cached = cache.get(pn.toNormalizedUser(), context.clock().millis());
        if (cached != null) {
            known.addAll(cached);
        }
        if (devices != null) {
            known.addAll(devices);
        }
        store.migrate(pn.user(), lid.user(), known);
    }

    /** Device ids known for a user (cache only), or null. */
    List<Integer> cached(Jid user) {
        return cache.get(user.toNormalizedUser(), context.clock().millis());
    }

    /** A {@code devices} notification: the next send asks again (both namespaces). */
    void invalidate(Jid user) {
        Jid u = user.toNormalizedUser();
        cache.remove(u);
        Jid pn = addressing.pnOf(u);
        Jid lid = addressing.lidOf(u);
        if (pn != null) {
            cache.remove(pn.toNormalizedUser());
        }
        if (lid != null) {
            cache.remove(lid.toNormalizedUser());
        }
    }

    /** A user's identity changed: its sessions (device 0 and the devices known) go, and its device list. */
    void identityChanged(Jid user) {
        LinkedHashSet<Integer> known = new LinkedHashSet<>();
        known.add(0);
        List<Integer> cached = cached(user);
        if (cached != null) {
            known.addAll(cached);
        }
        for (int device : known) {
            store.deleteSession(SignalAddress.of(user.withDevice(device)));
        }
        invalidate(user);
    }

    private List<Jid> collect(Iterable<Jid> users, long now) {
        List<Jid> out = new ArrayList<>();
        for (Jid u : users) {
            List<Integer> devices = cache.get(u, now);
            if (devices != null) {
                for (int d : devices) {
                    out.add(u.withDevice(d));
                }
            }
        }
        return out;
    }

    private List<Jid> collectFound(Iterable<Jid> users, Map<Jid, Usync.UserDevices> fresh, long now) {
        List<Jid> out = new ArrayList<>();
        for (Jid u : users) {
            Usync.UserDevices ud = fresh.get(u);
            List<Integer> devices = ud != null ? ud.devices() : cache.get(u, now);
            if (devices != null) {
                for (int d : devices) {
                    out.add(u.withDevice(d));
                }
            }
        }
        return out;
    }
}
