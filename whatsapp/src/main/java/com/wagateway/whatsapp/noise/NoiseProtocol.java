package com.wagateway.whatsapp.noise;

import java.nio.charset.StandardCharsets;

/** Constants of WhatsApp's Noise handshake (fact sheet §2.2, §3.2). */
public final class NoiseProtocol {

    /**
     * §3.2: ASCII {@code Noise_XX_25519_AESGCM_SHA256} plus four zero bytes = exactly 32 bytes, so the
     * initial handshake hash is the name itself (not hashed).
     */
    private static final byte[] NAME = nameBytes();

    /** §2.2: {@code 'W' 'A'}, magic 6, dictionary version 3 (Baileys 7.x / current whatsmeow). */
    private static final byte[] WA_HEADER = {0x57, 0x41, 0x06, 0x03};

    public static final int KEY_LENGTH = 32;

    private NoiseProtocol() {
    }

    public static byte[] protocolName() {
        return NAME.clone();
    }

    /** The 4-byte connection header, also the Noise prologue. */
    public static byte[] waHeader() {
        return WA_HEADER.clone();
    }

    private static byte[] nameBytes() {
        byte[] ascii = "Noise_XX_25519_AESGCM_SHA256".getBytes(StandardCharsets.US_ASCII);
        byte[] name = new byte[32];
        System.arraycopy(ascii, 0, name, 0, ascii.length);
        return name;
    }
}
