package com.wagateway.emulator.store;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual phone: the primary device (device 0) of one account. Its identity key pair is the account
 * key that signs every companion's ADV identity (fact sheet §6), its LID user is the account's
 * linked-identity number (§10.0).
 *
 * @param nextDeviceId next companion device number to hand out (never reused, like the real service)
 * @param nextKeyIndex next ADV key index (increments per linked device)
 */
public record PhoneRecord(String phoneNumber, String lidUser, int registrationId, byte[] identityPrivateKey,
                          int nextDeviceId, int nextKeyIndex, Instant createdAt, List<DeviceRecord> devices) {

    public PhoneRecord {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public Curve25519KeyPair identity() {
        return Curve25519.fromPrivateKey(identityPrivateKey);
    }

    public Jid jid() {
        return Jid.of(phoneNumber, Jid.WHATSAPP);
    }

    public Jid lid() {
        return Jid.of(lidUser, Jid.LID);
    }

    public DeviceRecord device(int deviceId) {
        for (DeviceRecord device : devices) {
            if (device.deviceId() == deviceId) {
                return device;
            }
        }
        return null;
    }

    PhoneRecord withDevice(DeviceRecord device, int newNextDeviceId, int newNextKeyIndex) {
        List<DeviceRecord> updated = new ArrayList<>();
        for (DeviceRecord d : devices) {
            if (d.deviceId() != device.deviceId()) {
                updated.add(d);
            }
        }
        updated.add(device);
        updated.sort((a, b) -> Integer.compare(a.deviceId(), b.deviceId()));
        return new PhoneRecord(phoneNumber, lidUser, registrationId, identityPrivateKey, newNextDeviceId,
                newNextKeyIndex, createdAt, updated);
    }

    PhoneRecord withoutDevice(int deviceId) {
        List<DeviceRecord> updated = new ArrayList<>(devices);
        updated.removeIf(d -> d.deviceId() == deviceId);
        return new PhoneRecord(phoneNumber, lidUser, registrationId, identityPrivateKey, nextDeviceId, nextKeyIndex,
                createdAt, updated);
    }
}
