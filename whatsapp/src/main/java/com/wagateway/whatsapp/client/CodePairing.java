package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.crypto.PairingCodeCrypto;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.pairing.CompanionWebClientType;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The companion's half of phone-number code pairing (fact sheet §7): the code, the code-wrapped ephemeral keys,
 * the key bundle of companion_finish and the ADV secret both sides derive. Pure functions; PBKDF2 with 131072
 * iterations makes {@link #wrap} and {@link #unwrap} slow on purpose (the caller keeps them off shared timers).
 */
final class CodePairing {

    static final int WRAPPED_LENGTH = 80;
    static final String BUNDLE_INFO = "link_code_pairing_key_bundle_encryption_key";
    static final String ADV_SECRET_INFO = "adv_secret";

    /** What companion_finish carries and what replaces the ADV secret. */
    record Finish(byte[] wrappedKeyBundle, byte[] advSecret) {}

    private CodePairing() {
    }

    /** 5 random bytes in the Crockford-like alphabet: 8 characters. */
    static String newCode(RandomSource random) {
        return PairingCodeCrypto.toCrockford(random.bytes(5));
    }

    /** {@code ABCD1234} → {@code ABCD-1234} (how whatsmeow and the phone display it). */
    static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** §7 code-wrap: {@code salt(32) || iv(16) || AES-256-CTR(PBKDF2(code, salt), iv, publicKey)}. */
    static byte[] wrap(String code, byte[] publicKey, RandomSource random) {
        byte[] salt = random.bytes(32);
        byte[] iv = random.bytes(16);
        byte[] ciphertext = ctr(PairingCodeCrypto.deriveCodeKey(code, salt), iv, publicKey);
        byte[] out = new byte[WRAPPED_LENGTH];
        System.arraycopy(salt, 0, out, 0, 32);
        System.arraycopy(iv, 0, out, 32, 16);
        System.arraycopy(ciphertext, 0, out, 48, 32);
        return out;
    }

    /** The public key inside a code-wrap. */
    static byte[] unwrap(String code, byte[] wrapped) throws CryptoException {
        if (wrapped == null || wrapped.length != WRAPPED_LENGTH) {
            throw new CryptoException("wrapped ephemeral key must be " + WRAPPED_LENGTH + " bytes");
        }
        byte[] salt = java.util.Arrays.copyOfRange(wrapped, 0, 32);
        byte[] iv = java.util.Arrays.copyOfRange(wrapped, 32, 48);
        return ctr(PairingCodeCrypto.deriveCodeKey(code, salt), iv, java.util.Arrays.copyOfRange(wrapped, 48, 80));
    }

    /** §7 step 5: the key bundle for the phone and the new ADV secret. */
    static Finish finish(Credentials creds, byte[] primaryIdentityPub, byte[] primaryEphemeralPub,
                         RandomSource random) throws CryptoException {
        byte[] ephemeralShared = Curve25519.sharedSecret(creds.pairingEphemeralKey().privateKey(), primaryEphemeralPub);
        byte[] randomPart = random.bytes(32);
        byte[] bundleSalt = random.bytes(32);
        byte[] bundleIv = random.bytes(12);
        byte[] bundleKey = Hkdf.derive(ephemeralShared, bundleSalt, BUNDLE_INFO, 32);
        byte[] bundle = AesGcm.encrypt(bundleKey, bundleIv, new byte[0],
                concat(creds.identityKey().publicKey(), primaryIdentityPub, randomPart));
        byte[] identityShared = Curve25519.sharedSecret(creds.identityKey().privateKey(), primaryIdentityPub);
        byte[] advSecret = Hkdf.derive(concat(ephemeralShared, identityShared, randomPart), null, ADV_SECRET_INFO, 32);
        return new Finish(concat(bundleSalt, bundleIv, bundle), advSecret);
    }

    /** §7 step 1. */
    static Node companionHello(String id, Jid phone, byte[] wrappedEphemeral, byte[] noisePub, Browser browser) {
        String platformId = CompanionWebClientType.of(browser.os(), browser.name()).platformId();
        Node reg = Node.of("link_code_companion_reg", Attributes.of("jid", phone.toString(), "stage",
                "companion_hello", "should_show_push_notification", "true"), List.of(
                Node.of("link_code_pairing_wrapped_companion_ephemeral_pub", Attributes.empty(), wrappedEphemeral),
                Node.of("companion_server_auth_key_pub", Attributes.empty(), noisePub),
                Node.of("companion_platform_id", Attributes.empty(), platformId),
                Node.of("companion_platform_display", Attributes.empty(), browser.name() + " (" + browser.os() + ")"),
                Node.of("link_code_pairing_nonce", Attributes.empty(), "0")));
        return Node.of("iq", Attributes.of("to", NodeConnection.SERVER, "type", "set", "id", id, "xmlns", "md"),
                List.of(reg));
    }

    /** §7 step 6. */
    static Node companionFinish(String id, Jid phone, byte[] wrappedKeyBundle, byte[] identityPub, byte[] ref) {
        Node reg = Node.of("link_code_companion_reg", Attributes.of("jid", phone.toString(), "stage",
                "companion_finish"), List.of(
                Node.of("link_code_pairing_wrapped_key_bundle", Attributes.empty(), wrappedKeyBundle),
                Node.of("companion_identity_public", Attributes.empty(), identityPub),
                Node.of("link_code_pairing_ref", Attributes.empty(), ref)));
        return Node.of("iq", Attributes.of("to", NodeConnection.SERVER, "type", "set", "id", id, "xmlns", "md"),
                List.of(reg));
    }

    static byte[] ctr(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is a standard JDK cipher", e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, offset, p.length);
            offset += p.length;
        }
        return out;
    }
}
