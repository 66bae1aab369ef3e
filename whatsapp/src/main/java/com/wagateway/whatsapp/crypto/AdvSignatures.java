package com.wagateway.whatsapp.crypto;

/**
 * The byte strings signed and MACed when a companion is paired (fact sheet §6 step 6), shared by the
 * client (verifies the phone's attestation, signs its own) and the emulator's virtual phone.
 */
public final class AdvSignatures {

    /** §6: HMAC prefix for HOSTED accounts, and account-signature prefix for hosted devices. */
    private static final byte[] HOSTED_PREFIX = {6, 5};
    /** §6 step 6.4: account signature prefix. */
    private static final byte[] ACCOUNT_PREFIX = {6, 0};
    /** §6 step 6.5: device signature prefix (Baileys 7.x always uses this one). */
    private static final byte[] DEVICE_PREFIX = {6, 1};

    private AdvSignatures() {
    }

    /** HMAC-SHA256(advSecret, [06 05 if hosted] || signed device identity bytes). */
    public static byte[] identityHmac(byte[] advSecret, byte[] signedDeviceIdentity, boolean hostedAccount) {
        return hostedAccount
                ? HmacSha256.mac(advSecret, HOSTED_PREFIX, signedDeviceIdentity)
                : HmacSha256.mac(advSecret, signedDeviceIdentity);
    }

    /** Constant-time check of the HMAC in ADVSignedDeviceIdentityHMAC. */
    public static boolean verifyIdentityHmac(byte[] advSecret, byte[] signedDeviceIdentity, boolean hostedAccount,
                                             byte[] hmac) {
        return ConstantTime.equals(identityHmac(advSecret, signedDeviceIdentity, hostedAccount), hmac);
    }

    /** What the phone's account key signs: {@code 06 00 (06 05 if hosted) || details || companion identity}. */
    public static byte[] accountSignatureMessage(byte[] deviceIdentityDetails, byte[] companionIdentityKey,
                                                 boolean hostedDevice) {
        return concat(hostedDevice ? HOSTED_PREFIX : ACCOUNT_PREFIX, deviceIdentityDetails, companionIdentityKey);
    }

    /** What the companion's identity key signs: {@code 06 01 || details || companion identity || account key}. */
    public static byte[] deviceSignatureMessage(byte[] deviceIdentityDetails, byte[] companionIdentityKey,
                                                byte[] accountSignatureKey) {
        return concat(DEVICE_PREFIX, deviceIdentityDetails, companionIdentityKey, accountSignatureKey);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
