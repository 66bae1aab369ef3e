package com.wagateway.whatsapp.crypto;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 (fact sheet §6 ADV HMAC, §9.3, §11.3). */
public final class HmacSha256 {

    public static final int LENGTH = 32;

    private HmacSha256() {
    }

    /** HMAC over the concatenation of {@code parts}. An empty key is allowed (RFC 2104 pads it). */
    public static byte[] mac(byte[] key, byte[]... parts) {
        Mac mac = newMac(key);
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** Constant-time check of {@code expected} against the HMAC of {@code parts}. */
    public static boolean verify(byte[] key, byte[] expected, byte[]... parts) {
        return ConstantTime.equals(mac(key, parts), expected);
    }

    static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec rejects empty keys; an all-zero block is the same HMAC key (RFC 2104 zero-pads).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[LENGTH] : key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is a mandatory JDK algorithm", e);
        }
    }
}
