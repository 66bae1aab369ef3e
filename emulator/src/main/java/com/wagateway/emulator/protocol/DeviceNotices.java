package com.wagateway.emulator.protocol;

import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells who caches an account's device list that the list changed, as the real server does when a companion is
 * linked or unlinked:
 * <pre>{@code
 * <notification from="<pn>@s.whatsapp.net" lid="<lid>@lid" type="devices" id t>
 *   <add|remove device_hash="2:…" device_lid_hash="2:…">
 *     <device jid="<pn>:N@s.whatsapp.net" lid="<lid>:N@lid" [key-index="K" on add]/>
 *     <key-index-list ts=t/>
 *   </add|remove>
 * </notification>
 * }</pre>
 * Baileys 7 ({@code handleDevicesNotification}) reads the first child's tag and its {@code <device jid>} children and
 * patches or drops its cache for that user; whatsmeow ({@code handleDeviceNotification}) stores the {@code lid}
 * mapping and checks the new list against {@code device_hash}: "2:" and base64 (no padding) of the first 6 bytes of
 * SHA-256 over the sorted {@code user.0:device@server} strings of every device, 0 included, after the change
 * (its {@code participantListHashV2}); on a mismatch it drops its cache, so a wrong hash costs a usync, never a
 * wrong list. The {@code key-index-list} carries no signed {@code ADVSignedKeyIndexList}, as in the emulator's usync.
 *
 * <p>Recipients: the companions (device 0 is the in-process phone, which reads the server's state) of every account
 * that exchanged messages with this one ({@link Peers}), and the account's own other companions. Delivery is the
 * {@link Outbox}'s: an offline companion gets it from its queue at its next login.
 */
public final class DeviceNotices {

    private static final Logger log = LoggerFactory.getLogger(DeviceNotices.class);

    private final PhoneStore phones;
    private final Directory directory;
    private final Peers peers;
    private final Outbox outbox;
    private final Supplier<String> ids;
    private final Clock clock;

    public DeviceNotices(PhoneStore phones, Directory directory, Peers peers, Outbox outbox, Supplier<String> ids,
                         Clock clock) {
        this.phones = phones;
        this.directory = directory;
        this.peers = peers;
        this.outbox = outbox;
        this.ids = ids;
        this.clock = clock;
    }

    /** A companion was linked (it is in the store already). */
    public void linked(String phoneNumber, DeviceRecord device) {
        announce(phoneNumber, "add", device.deviceId(), device.keyIndex());
    }

    /** A companion was unlinked (it is gone from the store already). */
    public void unlinked(String phoneNumber, int deviceId) {
        announce(phoneNumber, "remove", deviceId, null);
    }

    private void announce(String phoneNumber, String change, int deviceId, Integer keyIndex) {
        Optional<PhoneRecord> found = phones.get(phoneNumber);
        if (found.isEmpty()) {
            return;
        }
        PhoneRecord phone = found.get();
        String t = Long.toString(clock.instant().getEpochSecond());
        DeviceRef changed = new DeviceRef(phoneNumber, deviceId);
        Attributes.Builder deviceAttrs = Attributes.builder()
                .put("jid", directory.jid(changed, false).toString())
                .put("lid", directory.jid(changed, true).toString());
        if (keyIndex != null) {
            deviceAttrs.put("key-index", Integer.toString(keyIndex));
        }
        List<DeviceRef> now = directory.devices(phone);
        Node body = Node.of(change, Attributes.of("device_hash", hash(now, false), "device_lid_hash", hash(now, true)),
                List.of(Node.of("device", deviceAttrs.build()), Node.of("key-index-list", Attributes.of("ts", t))));
        Set<DeviceRef> targets = new LinkedHashSet<>();
        for (DeviceRef own : now) {
            if (!own.isPhone() && own.deviceId() != deviceId) {
                targets.add(own);
            }
        }
        for (String peer : peers.of(phoneNumber)) {
            for (DeviceRef device : directory.devices(peer)) {
                if (!device.isPhone()) {
                    targets.add(device);
                }
            }
        }
        for (DeviceRef target : targets) {
            outbox.deliver(target, Node.of("notification", Attributes.builder()
                    .put("from", directory.userJid(phoneNumber, false).toString())
                    .put("lid", directory.userJid(phoneNumber, true).toString())
                    .put("type", "devices")
                    .put("id", ids.get())
                    .put("t", t)
                    .build(), List.of(body)));
        }
        log.info("event=devices_notified phone={} device={} change={} recipients={}", phoneNumber, deviceId, change,
                targets.size());
    }

    /** whatsmeow's participantListHashV2 over the account's device JIDs in one namespace. */
    private String hash(List<DeviceRef> devices, boolean lid) {
        List<String> names = new ArrayList<>();
        for (DeviceRef device : devices) {
            Jid jid = directory.jid(device, lid);
            names.add(jid.user() + ".0:" + jid.device() + "@" + jid.server());
        }
        names.sort(null);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("", names).getBytes(StandardCharsets.UTF_8));
            return "2:" + Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
