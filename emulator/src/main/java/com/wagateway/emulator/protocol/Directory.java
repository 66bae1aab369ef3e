package com.wagateway.emulator.protocol;

import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.whatsapp.jid.Jid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is who: resolves PN and LID JIDs (user or device) to accounts and devices, and writes an account's
 * device JIDs in either namespace (fact sheet §10.0: device N of the PN is device N of the LID).
 */
public final class Directory {

    private final PhoneStore phones;

    public Directory(PhoneStore phones) {
        this.phones = phones;
    }

    /** The account of a PN or LID JID (any device); empty for other servers or unknown users. */
    public Optional<PhoneRecord> account(Jid jid) {
        if (jid == null) {
            return Optional.empty();
        }
        return switch (jid.server()) {
            case Jid.WHATSAPP, Jid.LEGACY_USER -> phones.get(jid.user());
            case Jid.LID -> phones.byLid(jid.user());
            default -> Optional.empty();
        };
    }

    public Optional<PhoneRecord> account(String phoneNumber) {
        return phones.get(phoneNumber);
    }

    /** The device a JID names, if the account exists and has that device (0 always exists). */
    public Optional<DeviceRef> device(Jid jid) {
        return account(jid).filter(phone -> jid.device() == 0 || phone.device(jid.device()) != null)
                .map(phone -> new DeviceRef(phone.phoneNumber(), jid.device()));
    }

    /** Device 0 and every linked companion of the account. */
    public List<DeviceRef> devices(PhoneRecord phone) {
        List<DeviceRef> out = new ArrayList<>();
        out.add(new DeviceRef(phone.phoneNumber(), 0));
        for (DeviceRecord device : phone.devices()) {
            out.add(new DeviceRef(phone.phoneNumber(), device.deviceId()));
        }
        return out;
    }

    public List<DeviceRef> devices(String phoneNumber) {
        return account(phoneNumber).map(this::devices).orElse(List.of());
    }

    /** The device's JID in the PN ({@code lid = false}) or LID namespace. */
    public Jid jid(DeviceRef device, boolean lid) {
        if (!lid) {
            return Jid.of(device.phoneNumber(), device.deviceId(), Jid.WHATSAPP);
        }
        PhoneRecord phone = phones.get(device.phoneNumber()).orElseThrow();
        return Jid.of(phone.lidUser(), device.deviceId(), Jid.LID);
    }

    public Jid userJid(String phoneNumber, boolean lid) {
        return jid(new DeviceRef(phoneNumber, 0), lid);
    }
}
