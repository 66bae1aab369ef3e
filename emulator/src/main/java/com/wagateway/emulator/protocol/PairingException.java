package com.wagateway.emulator.protocol;

/** Why the virtual phone could not link a companion; the admin API maps {@link Kind} to a status. */
public final class PairingException extends Exception {

    /** The closed set of pairing failures. */
    public enum Kind {
        /** The QR text or code is not well-formed. */
        MALFORMED,
        /** The ref or pairing-code request is past its lifetime. */
        EXPIRED,
        /** The ref was already scanned once. */
        ALREADY_USED,
        /** No waiting companion issued that ref / asked for a code for this number. */
        NO_COMPANION,
        /** The QR's keys do not match the companion that holds the ref. */
        KEY_MISMATCH,
        /** The entered code is not the one the companion shows (the key bundle did not decrypt). */
        WRONG_CODE,
        /** No such phone. */
        NO_PHONE,
        /** That companion is already being paired. */
        BUSY,
        /** The companion's answer (pair-device-sign, companion_finish) did not verify. */
        REJECTED,
        /** The companion went away during pairing. */
        DISCONNECTED,
        /** The companion did not answer in time. */
        TIMEOUT,
        /** The phone has no device numbers left. */
        NO_DEVICE_SLOT
    }

    private final Kind kind;

    public PairingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
