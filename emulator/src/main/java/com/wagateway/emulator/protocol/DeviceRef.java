package com.wagateway.emulator.protocol;

/** One device of one account: device 0 is the virtual phone, others are linked companions. */
public record DeviceRef(String phoneNumber, int deviceId) {

    public boolean isPhone() {
        return deviceId == 0;
    }

    @Override
    public String toString() {
        return phoneNumber + ":" + deviceId;
    }
}
