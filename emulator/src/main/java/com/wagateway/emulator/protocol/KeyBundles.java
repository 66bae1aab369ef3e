package com.wagateway.emulator.protocol;

import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.emulator.store.PreKeyStore;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-key bundles (fact sheet §10.2), for companions from what they registered and uploaded and for the
 * phones from their own key store. Every fetch consumes a one-time pre-key; a companion whose stock drops
 * under Baileys 7's {@code MIN_PREKEY_COUNT} (5) gets
 * {@code <notification type="encrypt"><count value=N/></notification>} and uploads more (§8.2).
 */
public final class KeyBundles {

    /** Baileys 7 {@code MIN_PREKEY_COUNT}: it uploads when the server reports fewer than this. */
    public static final int LOW_PRE_KEY_COUNT = 5;

    private static final Logger log = LoggerFactory.getLogger(KeyBundles.class);

    private final PhoneStore phones;
    private final PreKeyStore preKeys;
    private final Outbox outbox;
    private final Supplier<String> ids;
    private final java.time.Clock clock;
    private volatile PrimaryPhones primaryPhones;

    public KeyBundles(PhoneStore phones, PreKeyStore preKeys, Outbox outbox, Supplier<String> ids,
                      java.time.Clock clock) {
        this.phones = phones;
        this.preKeys = preKeys;
        this.outbox = outbox;
        this.ids = ids;
        this.clock = clock;
    }

    public void phones(PrimaryPhones phones) {
        this.primaryPhones = phones;
    }

    /** The device's bundle, consuming a one-time pre-key; empty for an unknown device. */
    public Optional<PreKeyBundle> take(DeviceRef device) {
        if (device.isPhone()) {
            PrimaryPhones p = primaryPhones;
            return p == null ? Optional.empty() : p.takeBundle(device.phoneNumber());
        }
        Optional<PhoneRecord> phone = phones.get(device.phoneNumber());
        DeviceRecord record = phone.map(p -> p.device(device.deviceId())).orElse(null);
        if (record == null) {
            return Optional.empty();
        }
        Optional<PreKeyStore.Taken> taken = preKeys.take(device.phoneNumber(), device.deviceId());
        int remaining = taken.map(PreKeyStore.Taken::remaining).orElse(0);
        phones.updateDevice(device.phoneNumber(), device.deviceId(), d -> d.withPreKeyCount(remaining));
        // only a fetch that used up a key reports the count: a device that never uploaded (the app-state key
        // share reaches a new companion before its first upload) uploads at login anyway, and one already told
        // it ran low need not hear it again
        if (taken.isPresent() && remaining < LOW_PRE_KEY_COUNT) {
            outbox.deliver(device, lowCount(remaining));
            log.info("event=pre_keys_low device={} remaining={}", device, remaining);
        }
        return Optional.of(new PreKeyBundle(record.registrationId(), device.deviceId(), record.identityKey(),
                record.signedPreKeyId(), record.signedPreKey(), record.signedPreKeySignature(),
                taken.map(PreKeyStore.Taken::id).orElse(PreKeyBundle.NO_PRE_KEY),
                taken.map(PreKeyStore.Taken::publicKey).orElse(null)));
    }

    private Node lowCount(int remaining) {
        return Node.of("notification", Attributes.builder().put("from", Stanzas.SERVER).put("type", "encrypt")
                .put("id", ids.get()).put("t", Long.toString(clock.instant().getEpochSecond())).build(),
                List.of(Node.of("count", Attributes.of("value", Integer.toString(remaining)))));
    }

    /** {@code <user jid=…>} of a bundle reply, echoing the requested JID. */
    public static Node userNode(String jid, PreKeyBundle bundle) {
        List<Node> parts = new ArrayList<>();
        parts.add(Node.of("registration", Attributes.empty(),
                ByteBuffer.allocate(4).putInt(bundle.registrationId()).array()));
        parts.add(Node.of("type", Attributes.empty(), new byte[] {5}));
        parts.add(Node.of("identity", Attributes.empty(), bundle.identityKey()));
        parts.add(Node.of("skey", Attributes.empty(), List.of(
                Node.of("id", Attributes.empty(), threeBytes(bundle.signedPreKeyId())),
                Node.of("value", Attributes.empty(), bundle.signedPreKey()),
                Node.of("signature", Attributes.empty(), bundle.signedPreKeySignature()))));
        if (bundle.hasPreKey()) {
            parts.add(Node.of("key", Attributes.empty(), List.of(
                    Node.of("id", Attributes.empty(), threeBytes(bundle.preKeyId())),
                    Node.of("value", Attributes.empty(), bundle.preKey()))));
        }
        return Node.of("user", Attributes.of("jid", jid), parts);
    }

    static byte[] threeBytes(int value) {
        return new byte[] {(byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
