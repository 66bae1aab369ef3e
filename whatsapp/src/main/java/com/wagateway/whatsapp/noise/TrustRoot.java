package com.wagateway.whatsapp.noise;

import java.util.HexFormat;

/**
 * The key that must have signed the server's intermediate certificate, and the serial the
 * intermediate names as its issuer (fact sheet §3.4). {@link #WHATSAPP} is the production root;
 * tests and the emulator configure their own.
 */
public record TrustRoot(byte[] publicKey, long serial) {

    /**
     * §3.4: the root Baileys ({@code WA_CERT_DETAILS.PUBLIC_KEY}, {@code SERIAL = 0}) and whatsmeow
     * ({@code WACertPubKey}, {@code WACertIssuerSerial}) trust.
     */
    public static final TrustRoot WHATSAPP = new TrustRoot(
            HexFormat.of().parseHex("142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b"), 0);

    public TrustRoot {
        if (publicKey == null || publicKey.length != NoiseProtocol.KEY_LENGTH) {
            throw new IllegalArgumentException("trust root public key must be 32 bytes");
        }
        if (serial < 0 || serial > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("trust root serial must be a uint32");
        }
        publicKey = publicKey.clone();
    }

    /** A root with serial 0, like WhatsApp's. */
    public static TrustRoot of(byte[] publicKey) {
        return new TrustRoot(publicKey, 0);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustRoot that && serial == that.serial
                && java.util.Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(publicKey) * 31 + Long.hashCode(serial);
    }

    @Override
    public String toString() {
        return "TrustRoot[" + HexFormat.of().formatHex(publicKey) + ", serial=" + serial + "]";
    }
}
