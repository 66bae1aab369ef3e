package com.wagateway.whatsapp.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The primitives of phone-number-code pairing (fact sheet §7): the Crockford-like base32 code and
 * the PBKDF2 key that wraps the ephemeral public keys.
 */
public final class PairingCodeCrypto {

    /** §7: no 0, I, O, U. */
    public static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
    /** §7: 2 << 16 PBKDF2-HMAC-SHA256 iterations. */
    public static final int PBKDF2_ITERATIONS = 2 << 16;

    private PairingCodeCrypto() {
    }

    /** Base32 over {@link #ALPHABET}, MSB first, no padding (5 bytes → 8 characters); like Baileys {@code bytesToCrockford}. */
    public static String toCrockford(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** PBKDF2-HMAC-SHA256(code as UTF-8, salt, 131072, 32 bytes); like Baileys {@code derivePairingCodeKey}. */
    public static byte[] deriveCodeKey(String code, byte[] salt) {
        try {
            // PBEKeySpec takes chars; the JDK's PBKDF2 encodes them as UTF-8, which is ASCII for a code.
            PBEKeySpec spec = new PBEKeySpec(code.toCharArray(), salt, PBKDF2_ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is a mandatory JDK algorithm", e);
        }
    }
}
