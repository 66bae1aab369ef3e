package com.wagateway.whatsapp.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 key generation and Diffie-Hellman on raw 32-byte keys (fact sheet §3.1, §9.1), via
 * BouncyCastle's RFC 7748 implementation (constant time).
 */
public final class Curve25519 {

    public static final int KEY_LENGTH = 32;
    /** The DJB key type byte Signal puts in front of public keys (§9.1). */
    public static final byte DJB_TYPE = 0x05;

    private Curve25519() {
    }

    public static Curve25519KeyPair generateKeyPair(RandomSource random) {
        byte[] privateKey = random.bytes(KEY_LENGTH);
        return fromPrivateKey(privateKey);
    }

    /** Derives the public key; the private key is used as given (clamping is internal, §9.1). */
    public static Curve25519KeyPair fromPrivateKey(byte[] privateKey) {
        requireLength(privateKey, "private key");
        byte[] publicKey = new byte[KEY_LENGTH];
        X25519.scalarMultBase(privateKey, 0, publicKey, 0);
        return new Curve25519KeyPair(privateKey, publicKey);
    }

    /**
     * X25519(privateKey, publicKey). Accepts the public key raw (32) or typed (33, {@code 0x05}).
     *
     * @throws CryptoException on a wrong length or a low-order peer key (all-zero shared secret)
     */
    public static byte[] sharedSecret(byte[] privateKey, byte[] publicKey) throws CryptoException {
        if (privateKey == null || privateKey.length != KEY_LENGTH) {
            throw new CryptoException("X25519: private key must be 32 bytes");
        }
        byte[] raw = untyped(publicKey);
        byte[] shared = new byte[KEY_LENGTH];
        if (!X25519.calculateAgreement(privateKey, 0, raw, 0, shared, 0)) {
            throw new CryptoException("X25519: peer public key has low order (shared secret is zero)");
        }
        return shared;
    }

    /** 33-byte {@code 0x05 || key} form (§9.1). */
    public static byte[] typed(byte[] rawPublicKey) {
        requireLength(rawPublicKey, "public key");
        byte[] out = new byte[KEY_LENGTH + 1];
        out[0] = DJB_TYPE;
        System.arraycopy(rawPublicKey, 0, out, 1, KEY_LENGTH);
        return out;
    }

    /** Accepts a 32-byte raw or 33-byte {@code 0x05}-prefixed key and returns the raw 32 bytes. */
    public static byte[] untyped(byte[] publicKey) throws CryptoException {
        if (publicKey != null && publicKey.length == KEY_LENGTH) {
            return publicKey;
        }
        if (publicKey != null && publicKey.length == KEY_LENGTH + 1 && publicKey[0] == DJB_TYPE) {
            byte[] raw = new byte[KEY_LENGTH];
            System.arraycopy(publicKey, 1, raw, 0, KEY_LENGTH);
            return raw;
        }
        throw new CryptoException("curve25519: public key must be 32 bytes or 33 bytes starting with 0x05");
    }

    private static void requireLength(byte[] key, String what) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
    }
}
