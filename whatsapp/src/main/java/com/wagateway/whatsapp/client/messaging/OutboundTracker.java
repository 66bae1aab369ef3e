package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.client.DeliveryStatus;
import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Messages this session sent: the futures waiting for the server's ack (each with its timeout), and a bounded set of
 * recent messages kept for retry receipts and for reporting each receipt status once. Runs on the serial executor.
 */
final class OutboundTracker {

    /**
     * Recent messages kept for retries and status de-duplication (Baileys keeps a similar bounded cache). Small on
     * purpose: each holds its serialized message, and thousands of sessions share one heap; a receipt for an evicted
     * message is still reported (the status consumer keeps statuses monotonic).
     */
    static final int RECENT_CAPACITY = 64;
    /** Resends per message and device, as the receiving side retries at most 5 times. */
    static final int MAX_RESENDS = 5;

    /** A sent message: its chat, serialized {@code Message}, the sender-key identity used (groups) and progress. */
    static final class Recent {
        final Jid chat;
        final byte[] message;
        final Jid senderKeyIdentity;
        private Map<String, DeliveryStatus> statusBy;
        private Map<String, Integer> resends;

        Recent(Jid chat, byte[] message, Jid senderKeyIdentity) {
            this.chat = chat;
            this.message = message;
            this.senderKeyIdentity = senderKeyIdentity;
        }

        /** Counts one resend to {@code device}; false once the limit is reached. */
        boolean allowResend(Jid device) {
            if (resends == null) {
                resends = new HashMap<>(2);
            }
            int n = resends.merge(device.toString(), 1, Integer::sum);
            return n <= MAX_RESENDS;
        }
    }

    private record Pending(CompletableFuture<SentMessage> future, ScheduledFuture<?> timer) {}

    private Map<String, Pending> pending;
    private LinkedHashMap<String, Recent> recent;

    void track(String id, CompletableFuture<SentMessage> future, ScheduledFuture<?> timer) {
        if (pending == null) {
            pending = new HashMap<>(4);
        }
        Pending previous = pending.put(id, new Pending(future, timer));
        if (previous != null) {
            previous.timer().cancel(false);
            previous.future().completeExceptionally(new IllegalStateException("message id " + id + " sent again"));
        }
    }

    boolean isPending(String id) {
        return pending != null && pending.containsKey(id);
    }

    void remember(String id, Recent message) {
        if (recent == null) {
            recent = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Recent> eldest) {
                    return size() > RECENT_CAPACITY;
                }
            };
        }
        recent.put(id, message);
    }

    Recent recent(String id) {
        return recent == null ? null : recent.get(id);
    }

    /** The server took it: completes the future; false when nothing waited for this id. */
    boolean acked(String id, Instant serverTime) {
        Pending p = remove(id);
        if (p == null) {
            return false;
        }
        p.future().complete(new SentMessage(id, serverTime));
        return true;
    }

    /** Fails the waiting future (nack, timeout, send error); false when nothing waited for this id. */
    boolean fail(String id, Throwable reason) {
        Pending p = remove(id);
        if (p == null) {
            return false;
        }
        if (recent != null) {
            recent.remove(id);
        }
        p.future().completeExceptionally(reason);
        return true;
    }

    /** Fails everything still waiting for an ack (the connection ended). */
    void failAll(String reason) {
        if (pending == null) {
            return;
        }
        List<String> ids = new ArrayList<>(pending.keySet());
        for (String id : ids) {
            fail(id, new MessageSendException(MessageSendException.CONNECTION_ENDED, reason));
        }
        pending = null;
    }

    /**
     * True when {@code status} from {@code by} is news for a recent message: it moves forward. Unknown messages (sent
     * before a restart, or evicted) are always reported; the receiver of the updates keeps statuses monotonic.
     */
    boolean advance(String id, String by, DeliveryStatus status) {
        Recent r = recent(id);
        if (r == null) {
            return true;
        }
        if (r.statusBy == null) {
            r.statusBy = new HashMap<>(2);
        }
        DeliveryStatus before = r.statusBy.get(by);
        if (before != null && before.ordinal() >= status.ordinal()) {
            return false;
        }
        r.statusBy.put(by, status);
        return true;
    }

    int pendingCount() {
        return pending == null ? 0 : pending.size();
    }

    private Pending remove(String id) {
        Pending p = pending == null ? null : pending.remove(id);
        if (p != null) {
            p.timer().cancel(false);
            if (pending.isEmpty()) {
                pending = null;
            }
        }
        return p;
    }
}
