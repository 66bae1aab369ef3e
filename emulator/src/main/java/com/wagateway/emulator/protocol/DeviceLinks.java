package com.wagateway.emulator.protocol;

import com.wagateway.emulator.store.MessageQueueStore;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.emulator.store.PreKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unlinking a companion, whoever asks (the phone via the admin API, or the companion's own
 * {@code remove-companion-device}): the device and its pre-keys and queue are deleted, and a connected
 * device gets {@code <stream:error code="401"><conflict type="device_removed"/></stream:error>} (§8.5), and those
 * who cache the account's device list are told ({@link DeviceNotices}).
 */
public final class DeviceLinks {

    private static final Logger log = LoggerFactory.getLogger(DeviceLinks.class);

    private final PhoneStore phones;
    private final PreKeyStore preKeys;
    private final MessageQueueStore queues;
    private final ConnectionRegistry registry;
    private final DeviceNotices notices;

    public DeviceLinks(PhoneStore phones, PreKeyStore preKeys, MessageQueueStore queues, ConnectionRegistry registry,
                       DeviceNotices notices) {
        this.phones = phones;
        this.notices = notices;
        this.preKeys = preKeys;
        this.queues = queues;
        this.registry = registry;
    }

    /** @return false if the device was not linked */
    public boolean unlink(String phoneNumber, int deviceId, String reason) {
        if (!phones.removeDevice(phoneNumber, deviceId)) {
            return false;
        }
        preKeys.delete(phoneNumber, deviceId);
        queues.delete(phoneNumber, deviceId);
        String jid = phoneNumber + ":" + deviceId + "@s.whatsapp.net";
        registry.device(jid).ifPresent(connection -> connection.sendAndClose(Stanzas.deviceRemoved()));
        log.info("event=device_unlinked phone={} device={} reason={}", phoneNumber, deviceId, reason);
        notices.unlinked(phoneNumber, deviceId);
        return true;
    }
}
