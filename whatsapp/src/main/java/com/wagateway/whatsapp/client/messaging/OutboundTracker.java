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

    /** Accounted per kept message beyond its bytes (map entry, ids, the record): keeps tiny messages bounded too. */
    static final int ENTRY_OVERHEAD = 96;
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

    private final int maxRecent;
    private final int maxRecentBytes;
    private Map<String, Pending> pending;
    private LinkedHashMap<String, Recent> recent;
    private long recentBytes;

    /**
     * Recent messages are kept for retry receipts and status de-duplication: at most {@code maxRecent} and at most
     * {@code maxRecentBytes} (serialized messages plus {@link #ENTRY_OVERHEAD} each), least recently used out first.
     * A retry receipt for an evicted message cannot be answered (logged {@code retry_unknown_message}); a receipt
     * for one is still reported (the status consumer keeps statuses monotonic).
     */
    OutboundTracker(int maxRecent, int maxRecentBytes) {
        this.maxRecent = maxRecent;
        this.maxRecentBytes = maxRecentBytes;
    }

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
        long size = size(message);
        if (maxRecent == 0 || size > maxRecentBytes) {
            return;
        }
        if (recent == null) {
            recent = new LinkedHashMap<>(16, 0.75f, true);
        }
        forget(id);
        recent.put(id, message);
        recentBytes += size;
        var eldest = recent.values().iterator();
        while (recent.size() > maxRecent || recentBytes > maxRecentBytes) {
            recentBytes -= size(eldest.next());
            eldest.remove();
        }
    }

    private void forget(String id) {
        Recent removed = recent == null ? null : recent.remove(id);
        if (removed != null) {
            recentBytes -= size(removed);
        }
    }

    private static long size(Recent message) {
        return (long) message.message.length + ENTRY_OVERHEAD;
    }

    int recentCount() {
        return recent == null ? 0 : recent.size();
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
        forget(id);
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
