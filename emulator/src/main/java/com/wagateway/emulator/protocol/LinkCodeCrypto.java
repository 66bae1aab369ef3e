package com.wagateway.emulator.protocol;

import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.ConstantTime;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.Hkdf;
import java.util.Arrays;

/**
 * The primary phone's computation at {@code companion_finish} (fact sheet §7 step 7): unwrap the
 * companion's ephemeral key with the entered code, decrypt its key bundle, check the identities in it and
 * derive the adv secret the companion derived in step 5.8.
 */
public final class LinkCodeCrypto {

    static final String BUNDLE_INFO = "link_code_pairing_key_bundle_encryption_key";
    static final String ADV_SECRET_INFO = "adv_secret";
    /** salt(32) || iv(12) || AES-GCM(companion identity || primary identity || random) with its 16-byte tag. */
    public static final int BUNDLE_LENGTH = 32 + 12 + 96 + AesGcm.TAG_LENGTH;

    private LinkCodeCrypto() {
    }

    /**
     * @param code                      the code typed on the phone (8 characters, no dash)
     * @param wrappedCompanionEphemeral from companion_hello (80 bytes)
     * @param phoneEphemeral            the key pair whose wrapped public half the phone sent in its notification
     * @param phoneIdentity             the phone's account identity key pair
     * @param wrappedKeyBundle          from companion_finish (156 bytes)
     * @param companionIdentity         {@code companion_identity_public} from companion_finish
     * @return the 32-byte adv secret for pair-success's HMAC
     * @throws PairingException {@code WRONG_CODE} when the bundle does not decrypt (the codes differ),
     *                          {@code REJECTED} for malformed input or identities that do not match
     */
    public static byte[] phoneAdvSecret(String code, byte[] wrappedCompanionEphemeral, Curve25519KeyPair phoneEphemeral,
                                        Curve25519KeyPair phoneIdentity, byte[] wrappedKeyBundle,
                                        byte[] companionIdentity) throws PairingException {
        if (wrappedKeyBundle == null || wrappedKeyBundle.length != BUNDLE_LENGTH || companionIdentity == null
                || companionIdentity.length != Curve25519.KEY_LENGTH) {
            throw new PairingException(PairingException.Kind.REJECTED, "malformed companion_finish");
        }
        byte[] companionEphemeral = CodeWrap.unwrap(code, wrappedCompanionEphemeral);
        try {
            byte[] ephShared = Curve25519.sharedSecret(phoneEphemeral.privateKey(), companionEphemeral);
            byte[] bundleKey = Hkdf.derive(ephShared, Arrays.copyOfRange(wrappedKeyBundle, 0, 32), BUNDLE_INFO, 32);
            byte[] plain;
            try {
                plain = AesGcm.decrypt(bundleKey, Arrays.copyOfRange(wrappedKeyBundle, 32, 44), new byte[0],
                        Arrays.copyOfRange(wrappedKeyBundle, 44, wrappedKeyBundle.length));
            } catch (CryptoException e) {
                // Each side unwraps the other's ephemeral key with the code it knows: only when the typed
                // code equals the companion's do both reach the same ephShared, so the GCM tag is the code check.
                throw new PairingException(PairingException.Kind.WRONG_CODE,
                        "wrong pairing code: the companion's key bundle did not decrypt");
            }
            byte[] random = Arrays.copyOfRange(plain, 64, 96);
            if (!ConstantTime.equals(Arrays.copyOfRange(plain, 0, 32), companionIdentity)
                    || !ConstantTime.equals(Arrays.copyOfRange(plain, 32, 64), phoneIdentity.publicKey())) {
                throw new PairingException(PairingException.Kind.REJECTED,
                        "the key bundle names other identities than companion_finish and the phone");
            }
            byte[] identityShared = Curve25519.sharedSecret(phoneIdentity.privateKey(), companionIdentity);
            byte[] ikm = new byte[96];
            System.arraycopy(ephShared, 0, ikm, 0, 32);
            System.arraycopy(identityShared, 0, ikm, 32, 32);
            System.arraycopy(random, 0, ikm, 64, 32);
            return Hkdf.derive(ikm, new byte[0], ADV_SECRET_INFO, 32);
        } catch (CryptoException e) {
            throw new PairingException(PairingException.Kind.REJECTED, "companion_finish key agreement failed");
        }
    }
}
