package com.wagateway.whatsapp.auth;

import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import java.util.Objects;

/** One one-time Signal prekey: its 24-bit id (§8.2, 3 bytes on the wire) and its key pair. */
public record PreKey(int id, Curve25519KeyPair keyPair) {

    public static final int MAX_ID = 0xFFFFFF;

    public PreKey {
        if (id < 1 || id > MAX_ID) {
            throw new IllegalArgumentException("prekey id must be 1.." + MAX_ID + ", was " + id);
        }
        Objects.requireNonNull(keyPair, "keyPair");
    }
}
