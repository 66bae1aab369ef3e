package com.wagateway.emulator.phone;

/**
 * The account's app-state sync key (fact sheet §8.6): one per account, created on first use and kept with
 * the phone's Signal state, so every companion of the account gets the same key, also after a restart.
 *
 * @param id        the key id companions file it under
 * @param data      the 32-byte key material
 * @param rawId     the fingerprint's raw id
 * @param createdMs creation time, milliseconds since the epoch (the share's {@code timestamp})
 */
record AppStateKey(byte[] id, byte[] data, int rawId, long createdMs) {

    static final int ID_LENGTH = 6;
    static final int DATA_LENGTH = 32;

    AppStateKey {
        if (id == null || id.length != ID_LENGTH || data == null || data.length != DATA_LENGTH) {
            throw new IllegalArgumentException("app-state key: id of " + ID_LENGTH + " and data of " + DATA_LENGTH
                    + " bytes expected");
        }
        id = id.clone();
        data = data.clone();
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
