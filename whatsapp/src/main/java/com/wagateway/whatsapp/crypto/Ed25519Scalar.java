package com.wagateway.whatsapp.crypto;

import java.util.Arrays;

/**
 * Constant-time arithmetic modulo the edwards25519 group order
 * {@code L = 2^252 + 27742317777372353535851937790883648493}, on 32/64-byte little-endian scalars.
 *
 * <p>The reduction is TweetNaCl's {@code modL} (the very routine curve25519-js runs inside
 * Baileys' {@code Curve.sign}), so results are byte-identical to the reference by construction. It
 * works on 64 signed {@code long} limbs of 8 bits (each may temporarily hold far more), folds the top
 * 32 limbs down with {@code x[j] -= 16·x[i]·L[j]} (since {@code 2^256 ≡ -16·(L - 2^252)} mod L), and
 * finishes with one conditional-free subtraction of {@code carry·L}.
 *
 * <p>Constant-time argument: every loop has fixed bounds (64, 32, 20), no limb value is ever used
 * in a condition or as an array index, carries are taken with the arithmetic shift {@code >> 8}
 * (floor division, also for negative limbs) and masks; long multiplication, addition and shifts
 * run in data-independent time on the JVM's 64-bit targets. No {@link java.math.BigInteger}.
 */
final class Ed25519Scalar {

    /** L as 32 little-endian bytes. */
    private static final long[] L = {
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    };

    private Ed25519Scalar() {
    }

    /** {@code x mod L} for 64 little-endian bytes (e.g. a SHA-512 digest), as 32 bytes. */
    static byte[] reduce(byte[] x) {
        if (x == null || x.length != 64) {
            throw new IllegalArgumentException("input must be 64 bytes");
        }
        long[] limbs = new long[64];
        for (int i = 0; i < 64; i++) {
            limbs[i] = x[i] & 0xff;
        }
        byte[] out = new byte[32];
        modL(out, limbs);
        return out;
    }

    /**
     * {@code (r + h·a) mod L} for 32-byte little-endian h, a, r with h, r below L and a below 2^256
     * (curve25519-js's {@code crypto_sign} S computation: schoolbook product into 64 limbs, then modL).
     */
    static byte[] mulAdd(byte[] h, byte[] a, byte[] r) {
        if (h == null || a == null || r == null || h.length != 32 || a.length != 32 || r.length != 32) {
            throw new IllegalArgumentException("scalars must be 32 bytes");
        }
        long[] x = new long[64];
        for (int i = 0; i < 32; i++) {
            x[i] = r[i] & 0xff;
        }
        for (int i = 0; i < 32; i++) {
            long hi = h[i] & 0xff;
            for (int j = 0; j < 32; j++) {
                x[i + j] += hi * (a[j] & 0xff);   // each limb stays below 32·255·255 + 255 < 2^21
            }
        }
        byte[] out = new byte[32];
        modL(out, x);
        return out;
    }

    /** TweetNaCl {@code modL}: {@code out := x mod L}; x is consumed (wiped). */
    private static void modL(byte[] out, long[] x) {
        long carry;
        for (int i = 63; i >= 32; --i) {
            carry = 0;
            int j = i - 32;
            for (int k = i - 12; j < k; ++j) {
                x[j] += carry - 16 * x[i] * L[j - (i - 32)];
                carry = (x[j] + 128) >> 8;
                x[j] -= carry << 8;
            }
            x[j] += carry;
            x[i] = 0;
        }
        carry = 0;
        for (int j = 0; j < 32; j++) {
            x[j] += carry - (x[31] >> 4) * L[j];
            carry = x[j] >> 8;
            x[j] &= 255;
        }
        for (int j = 0; j < 32; j++) {
            x[j] -= carry * L[j];
        }
        for (int i = 0; i < 32; i++) {
            x[i + 1] += x[i] >> 8;
            out[i] = (byte) (x[i] & 255);
        }
        Arrays.fill(x, 0);
    }
}
