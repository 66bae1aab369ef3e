package com.wagateway.whatsapp.signal;

/**
 * A device's fetched key bundle (fact sheet §10.2). Public keys are 32 raw bytes, as on the WhatsApp wire; a bundle
 * without a one-time prekey (the server ran out) has {@code preKeyId = -1} and {@code preKey = null}.
 */
public record PreKeyBundle(int registrationId, int deviceId, byte[] identityKey, int signedPreKeyId,
                           byte[] signedPreKey, byte[] signedPreKeySignature, int preKeyId, byte[] preKey) {

    public static final int NO_PRE_KEY = -1;

    public boolean hasPreKey() {
        return preKeyId != NO_PRE_KEY && preKey != null;
    }
}
