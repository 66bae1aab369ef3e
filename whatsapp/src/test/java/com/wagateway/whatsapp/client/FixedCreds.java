package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** tools/interop/fixed-creds.mjs and vector-io.mjs {@code fixed}/{@code fixedKeyPair} in Java. */
final class FixedCreds {

    private FixedCreds() {
    }

    static byte[] fixed(String label, int length) {
        try {
            byte[] out = new byte[length];
            int written = 0;
            for (int block = 0; written < length; block++) {
                byte[] h = MessageDigest.getInstance("SHA-256")
                        .digest(("wa-gateway vector " + label + " " + block).getBytes(StandardCharsets.UTF_8));
                int n = Math.min(h.length, length - written);
                System.arraycopy(h, 0, out, written, n);
                written += n;
            }
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Curve25519KeyPair fixedKeyPair(String label) {
        return Curve25519.fromPrivateKey(fixed(label, 32));
    }

    static Credentials creds() {
        return Credentials.of(fixedKeyPair("noise-static"), fixedKeyPair("identity"),
                fixedKeyPair("pairing-ephemeral"), 1, fixedKeyPair("signed-prekey"), 0x1234 & 0x3fff,
                fixed("adv-secret", 32));
    }
}
