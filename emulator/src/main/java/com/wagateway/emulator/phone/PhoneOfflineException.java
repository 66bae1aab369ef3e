package com.wagateway.emulator.phone;

/** The phone was asked to send while it is offline (admin {@code POST /phones/{number}/offline}). */
public final class PhoneOfflineException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public PhoneOfflineException(String phoneNumber) {
        super("phone " + phoneNumber + " is offline; POST /phones/" + phoneNumber + "/online first");
    }
}
