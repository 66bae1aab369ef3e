package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.HmacSha256;
import com.wagateway.whatsapp.crypto.Hkdf;

import java.util.Arrays;

/** The sender-key chain (fact sheet §9.7): one HMAC step per iteration, message keys by HKDF "WhisperGroup". */
final class SenderChain {

    static final int KEY_LENGTH = 32;

    private static final byte[] MESSAGE_KEY_SEED = {0x01};
    private static final byte[] CHAIN_KEY_SEED = {0x02};
    private static final byte[] ZERO_SALT = new byte[32];
    private static final byte[] INFO = "WhisperGroup".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private SenderChain() {
    }

    static byte[] messageSeed(byte[] chainKey) {
        return HmacSha256.mac(chainKey, MESSAGE_KEY_SEED);
    }

    static byte[] next(byte[] chainKey) {
        return HmacSha256.mac(chainKey, CHAIN_KEY_SEED);
    }

    static byte[] advance(byte[] chainKey, long steps) {
        byte[] key = chainKey;
        for (long i = 0; i < steps; i++) {
            key = next(key);
        }
        return key;
    }

    /** IV and AES-256 key of one message: bytes 0..16 and 16..48 of the HKDF output. */
    static MessageKey messageKey(byte[] seed) {
        byte[] derived = Hkdf.derive(seed, ZERO_SALT, INFO, 48);
        return new MessageKey(Arrays.copyOfRange(derived, 0, 16), Arrays.copyOfRange(derived, 16, 48));
    }

    record MessageKey(byte[] iv, byte[] cipherKey) {
    }
}
