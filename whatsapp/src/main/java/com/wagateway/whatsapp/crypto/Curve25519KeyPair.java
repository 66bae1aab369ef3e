package com.wagateway.whatsapp.crypto;

import java.util.HexFormat;

/**
 * An X25519 key pair in the Signal style (fact sheet §9.1): a 32-byte private scalar as generated
 * (clamping happens inside DH and signing) and the 32-byte raw public key. {@link #typedPublicKey()}
 * gives the 33-byte {@code 0x05}-prefixed form Signal structures need.
 */
public record Curve25519KeyPair(byte[] privateKey, byte[] publicKey) {

    public Curve25519KeyPair {
        if (privateKey == null || privateKey.length != Curve25519.KEY_LENGTH) {
            throw new IllegalArgumentException("private key must be 32 bytes");
        }
        if (publicKey == null || publicKey.length != Curve25519.KEY_LENGTH) {
            throw new IllegalArgumentException("public key must be 32 bytes");
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key with the DJB type byte {@code 0x05} in front (33 bytes, §9.1). */
    public byte[] typedPublicKey() {
        return Curve25519.typed(publicKey);
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "Curve25519KeyPair[public=" + HexFormat.of().formatHex(publicKey) + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Curve25519KeyPair that
                && ConstantTime.equals(privateKey, that.privateKey)
                && ConstantTime.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(publicKey);
    }
}
