package com.wagateway.emulator.phone;

import com.wagateway.emulator.protocol.DeviceRef;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One-shot faults: the next ciphertext a phone encrypts for a given device is corrupted (admin {@code POST /faults}). */
public final class Tampering {

    private final Set<String> armed = ConcurrentHashMap.newKeySet();

    /** Arms the fault for the next ciphertext {@code phoneNumber} sends to {@code target}. */
    public void arm(String phoneNumber, DeviceRef target) {
        armed.add(phoneNumber + ">" + target);
    }

    boolean consume(String phoneNumber, DeviceRef target) {
        return armed.remove(phoneNumber + ">" + target);
    }
}
