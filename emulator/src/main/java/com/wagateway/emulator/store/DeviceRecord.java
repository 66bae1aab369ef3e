package com.wagateway.emulator.store;

import java.time.Instant;

/**
 * One linked companion device of a virtual phone, as registered after a verified
 * {@code pair-device-sign} (fact sheet §6): what login checks ({@code noiseKey}), what another device
 * would fetch as its pre-key bundle (identity, registration id, signed pre-key) and the ADV identity the
 * phone issued.
 *
 * @param deviceId       the device number in {@code <phone>:<deviceId>@s.whatsapp.net} (1..255)
 * @param noiseKey       the companion's Noise static public key (32 bytes)
 * @param identityKey    the companion's Signal identity public key (32 bytes)
 * @param registrationId the companion's Signal registration id
 * @param signedPreKeyId id of the signed pre-key from the registration payload
 * @param signedPreKey   the signed pre-key public key (32 bytes)
 * @param signedPreKeySignature signature over {@code 05 || signedPreKey}
 * @param keyIndex       the ADV key index the phone gave this device
 * @param advIdentity    the serialized ADVSignedDeviceIdentity incl. the device signature
 * @param platform       the companion's platform as it described itself (e.g. "Chrome (Mac OS)")
 * @param linkedAt       when the pairing completed
 * @param preKeyCount    one-time pre-keys currently stored for this device (the {@code encrypt count} answer)
 * @param firstLoginAt   when the device first logged in after pairing (null before): the phone greets it once
 */
public record DeviceRecord(int deviceId, byte[] noiseKey, byte[] identityKey, int registrationId,
                           int signedPreKeyId, byte[] signedPreKey, byte[] signedPreKeySignature, int keyIndex,
                           byte[] advIdentity, String platform, Instant linkedAt, int preKeyCount,
                           Instant firstLoginAt) {

    public DeviceRecord withPreKeyCount(int count) {
        return new DeviceRecord(deviceId, noiseKey, identityKey, registrationId, signedPreKeyId, signedPreKey,
                signedPreKeySignature, keyIndex, advIdentity, platform, linkedAt, count, firstLoginAt);
    }

    public DeviceRecord withSignedPreKey(int id, byte[] key, byte[] signature) {
        return new DeviceRecord(deviceId, noiseKey, identityKey, registrationId, id, key, signature, keyIndex,
                advIdentity, platform, linkedAt, preKeyCount, firstLoginAt);
    }

    public DeviceRecord withFirstLogin(Instant at) {
        return new DeviceRecord(deviceId, noiseKey, identityKey, registrationId, signedPreKeyId, signedPreKey,
                signedPreKeySignature, keyIndex, advIdentity, platform, linkedAt, preKeyCount, at);
    }
}
