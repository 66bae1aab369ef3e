package com.wagateway.whatsapp.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signatures made with a Curve25519 (X25519) private key and checked with the X25519 public key,
 * as WhatsApp and libsignal use them (fact sheet §9.2).
 *
 * <p>{@link #sign} reproduces curve25519-js (the library under Baileys' {@code Curve.sign}) byte for
 * byte: deterministic nonce {@code r = SHA512(a || M)}, Ed25519 public point {@code A = aB} for the
 * clamped scalar {@code a}, and A's sign bit copied into bit 255 of the signature.
 *
 * <p>Signing is constant-time with respect to the private key and the nonce: both base-point
 * multiplications ({@code aB} and {@code rB}) use {@link Edwards25519}'s fixed-window base
 * multiplication with constant-time table selection, and the scalar work ({@code r mod L},
 * {@code h mod L}, {@code S = r + h·a mod L}) uses {@link Ed25519Scalar}'s fixed-loop limb
 * arithmetic. Clamping is byte masking; the sign bit of A is copied with
 * {@code signature[63] |= A[31] & 0x80} (curve25519-js does exactly this and does <em>not</em>
 * negate {@code a} as libsignal's C XEdDSA does; S is below L &lt; 2^253 so bit 255 is free). No
 * step branches on, or indexes memory by, secret data; SHA-512 is the JDK's, whose compression
 * function has no data-dependent branches. Secret byte arrays are wiped after use. The only
 * {@link BigInteger} code left runs in {@link #verify}, on public data.
 *
 * <p>{@link #verify} converts the Montgomery key to its Edwards form (sign bit taken from the
 * signature), clears bit 255 and runs BouncyCastle's strict RFC 8032 verification. It returns the
 * real answer: unlike Baileys 7.0.0-rc14's {@code Curve.verify} (§3.4) a wrong signature is
 * {@code false}.
 */
public final class XEdDsa {

    public static final int SIGNATURE_LENGTH = 64;

    private XEdDsa() {
    }

    /** Signs {@code message} with a 32-byte Curve25519 private key (deterministic, curve25519-js-compatible). */
    public static byte[] sign(byte[] privateKey, byte[] message) {
        if (privateKey == null || privateKey.length != Curve25519.KEY_LENGTH) {
            throw new IllegalArgumentException("private key must be 32 bytes");
        }
        byte[] clamped = privateKey.clone();
        clamped[0] &= (byte) 248;
        clamped[31] &= 127;
        clamped[31] |= 64;
        byte[] publicPoint = Edwards25519.scalarMultBaseEncoded(clamped);

        byte[] nonceHash = sha512(clamped, message);
        byte[] r = Ed25519Scalar.reduce(nonceHash);
        byte[] encodedR = Edwards25519.scalarMultBaseEncoded(r);
        byte[] h = Ed25519Scalar.reduce(sha512(encodedR, publicPoint, message)); // public: hash of public data
        byte[] s = Ed25519Scalar.mulAdd(h, clamped, r);

        byte[] signature = new byte[SIGNATURE_LENGTH];
        System.arraycopy(encodedR, 0, signature, 0, 32);
        System.arraycopy(s, 0, signature, 32, 32);
        signature[63] |= (byte) (publicPoint[31] & 0x80); // branch-free copy of A's sign bit
        Arrays.fill(clamped, (byte) 0);
        Arrays.fill(nonceHash, (byte) 0);
        Arrays.fill(r, (byte) 0);
        Arrays.fill(s, (byte) 0);
        return signature;
    }

    /**
     * True only if {@code signature} (64 bytes) is valid for {@code message} under the Curve25519
     * public key (32 raw bytes or 33 with the {@code 0x05} prefix). Any malformed input is {@code false}.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (message == null || signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        byte[] montgomery;
        try {
            montgomery = Curve25519.untyped(publicKey);
        } catch (CryptoException e) {
            return false;
        }
        byte[] masked = montgomery.clone();
        masked[31] &= 0x7f; // curve25519-js ignores bit 255 of u
        BigInteger u = Edwards25519.fromLittleEndian(masked);
        byte[] edwardsKey = Edwards25519.toLittleEndian32(Edwards25519.montgomeryToEdwardsY(u));
        edwardsKey[31] |= (byte) (signature[63] & 0x80);
        byte[] plainSignature = signature.clone();
        plainSignature[63] &= 0x7f;
        try {
            return Ed25519.verify(plainSignature, 0, edwardsKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false; // BouncyCastle may reject unusual encodings by throwing
        }
    }

    private static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is a mandatory JDK algorithm", e);
        }
    }
}
