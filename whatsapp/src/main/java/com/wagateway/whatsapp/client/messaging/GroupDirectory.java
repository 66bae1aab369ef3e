package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.jid.Jid;
import java.util.concurrent.CompletableFuture;

/**
 * Group metadata by {@code w:g2} (fact sheet §10.5), cached per group for 5 minutes and dropped on a {@code w:gp2}
 * notification; the participants' {@code phone_number}/{@code lid} are stored as mappings. Serial executor only.
 */
final class GroupDirectory {

    static final long TTL_MILLIS = 5 * 60_000;
    static final int CAPACITY = 32;

    private final MessagingContext context;
    private final DeviceDirectory devices;
    private final ExpiringLru<Jid, GroupInfo> cache = new ExpiringLru<>(CAPACITY, TTL_MILLIS);

    GroupDirectory(MessagingContext context, DeviceDirectory devices) {
        this.context = context;
        this.devices = devices;
    }

    CompletableFuture<GroupInfo> info(Jid group) {
        GroupInfo cached = cache.get(group, context.clock().millis());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return context.stanzas().query(GroupInfo.query(group)).thenApply(answer -> {
            GroupInfo info = GroupInfo.parse(group, answer);
            for (GroupInfo.Participant p : info.participants()) {
                if (p.alt() != null) {
                    devices.learned(p.jid(), p.alt().toNormalizedUser(), null);
                }
            }
            cache.put(group, info, context.clock().millis());
            return info;
        });
    }

    void invalidate(Jid group) {
        cache.remove(group);
    }
}
