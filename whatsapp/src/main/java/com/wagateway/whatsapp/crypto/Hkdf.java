package com.wagateway.whatsapp.crypto;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * HKDF-SHA256 (RFC 5869), as used by Noise MixKey/Split (§3.2–3.3), libsignal (§9.3), media keys
 * (§11.2) and pairing (§7). A missing or empty salt means 32 zero bytes, per the RFC.
 */
public final class Hkdf {

    /** RFC 5869 limit: 255 blocks of 32 bytes. */
    public static final int MAX_LENGTH = 255 * HmacSha256.LENGTH;

    private Hkdf() {
    }

    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        return expand(extract(salt, ikm), info, length);
    }

    public static byte[] derive(byte[] ikm, byte[] salt, String info, int length) {
        return derive(ikm, salt, info.getBytes(StandardCharsets.UTF_8), length);
    }

    public static byte[] extract(byte[] salt, byte[] ikm) {
        byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[HmacSha256.LENGTH] : salt;
        return HmacSha256.mac(effectiveSalt, ikm);
    }

    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF length must be 0.." + MAX_LENGTH + ", was " + length);
        }
        byte[] safeInfo = info == null ? new byte[0] : info;
        Mac mac = HmacSha256.newMac(prk);
        byte[] out = new byte[length];
        byte[] previous = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(previous);
            mac.update(safeInfo);
            mac.update((byte) counter);
            previous = mac.doFinal();
            int chunk = Math.min(previous.length, length - written);
            System.arraycopy(previous, 0, out, written, chunk);
            written += chunk;
        }
        return out;
    }
}
