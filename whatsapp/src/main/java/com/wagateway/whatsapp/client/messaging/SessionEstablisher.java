package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SessionBuilder;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Makes sure there is a Signal session with each device (Baileys {@code assertSessions}): devices without one get
 * their bundle fetched in one {@code encrypt} IQ, asked for by LID device JID where the mapping is known (fact sheet
 * §10.2), and a session is built from it. Runs on the serial executor.
 */
final class SessionEstablisher {

    private static final System.Logger LOG = System.getLogger(SessionEstablisher.class.getName());

    private final MessagingContext context;
    private final Addressing addressing;
    private final LidSignalStore store;
    private final SenderKeyMemory senderKeyMemory;

    SessionEstablisher(MessagingContext context, Addressing addressing, LidSignalStore store,
                       SenderKeyMemory senderKeyMemory) {
        this.senderKeyMemory = senderKeyMemory;
        this.context = context;
        this.addressing = addressing;
        this.store = store;
    }

    boolean hasSession(Jid device) {
        return cipher(device).hasSession();
    }

    SessionCipher cipher(Jid device) {
        return new SessionCipher(store, SignalAddress.of(device), context.random(), context.maxSkippedKeys());
    }

    /** Completes with the devices that have a session afterwards (all but those the server gave no bundle for). */
    CompletableFuture<Set<Jid>> ensure(List<Jid> devices, boolean force) {
        Set<Jid> ready = new LinkedHashSet<>();
        Map<Jid, List<Jid>> byWire = new HashMap<>();
        List<Jid> wire = new ArrayList<>();
        for (Jid device : devices) {
            if (!force && hasSession(device)) {
                ready.add(device);
                continue;
            }
            // a PN device without a known LID is asked for as PN (the reference would skip it, §10.0)
            Jid w = addressing.preferLid(device);
            byWire.computeIfAbsent(w, k -> {
                wire.add(k);
                return new ArrayList<>(1);
            }).add(device);
        }
        if (wire.isEmpty()) {
            return CompletableFuture.completedFuture(ready);
        }
        return context.stanzas().query(Bundles.query(wire)).thenApply(answer -> {
            Map<Jid, PreKeyBundle> bundles = Bundles.parse(answer);
            for (Map.Entry<Jid, PreKeyBundle> e : bundles.entrySet()) {
                List<Jid> targets = byWire.get(e.getKey());
                if (targets == null) {
                    continue;
                }
                if (install(e.getKey(), e.getValue())) {
                    ready.addAll(targets);
                }
            }
            return ready;
        });
    }

    /** Builds (or replaces) the session with {@code device} from {@code bundle}; false when the bundle is bad. */
    boolean install(Jid device, PreKeyBundle bundle) {
        try {
            SignalAddress address = SignalAddress.of(device);
            byte[] before = store.loadIdentity(address).orElse(null);
            SessionBuilder.processBundle(store, address, bundle, context.random());
            if (before != null && !Arrays.equals(before, store.loadIdentity(address).orElse(null))) {
                senderKeyMemory.identityChanged(device, false);
            }
            return true;
        } catch (SignalException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=session_setup_failed sessionId={0} device={1} error={2}",
                    context.sessionId(), device, e.getMessage());
            return false;
        }
    }
}
