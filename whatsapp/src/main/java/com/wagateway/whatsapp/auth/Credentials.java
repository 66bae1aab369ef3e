package com.wagateway.whatsapp.auth;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.AuthProtos.StoredCredentials;
import com.wagateway.whatsapp.proto.AuthProtos.StoredKeyPair;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything a companion keeps between connections (fact sheet §6: Baileys {@code initAuthCreds} plus what
 * {@code configureSuccessfulPairing} adds). Immutable; the {@code with…} methods return changed copies. One-time
 * prekey private keys are not here (see {@link OneTimePreKeys}): they are many and only needed to decrypt.
 *
 * @param noiseKey              Noise static key: how the server recognises the device (§3.1)
 * @param identityKey           Signal identity key
 * @param signedPreKeyId        id of the signed prekey (Baileys: 1)
 * @param signedPreKey          signed prekey pair
 * @param signedPreKeySignature identity signature over {@code 05 || signedPreKey.pub}
 * @param registrationId        14-bit Signal registration id
 * @param advSecret             32-byte ADV secret (QR field, HMAC key of pair-success)
 * @param pairingEphemeralKey   ephemeral pair of phone-code pairing (§7)
 * @param me                    phone-number device JID once paired, else null
 * @param meLid                 LID device JID, or null
 * @param account               ADVSignedDeviceIdentity with our device signature, or null before pairing
 * @param platform              the phone's platform name from pair-success, or null
 * @param phoneIdentityKey      the primary phone's identity key (32 raw bytes), or null
 * @param nextPreKeyId          id the next generated one-time prekey gets
 * @param firstUnuploadedPreKeyId first id not yet uploaded
 * @param routingInfo           edge routing info from the server, or null (§2.2)
 * @param businessName          business name from pair-success, or null
 */
public record Credentials(Curve25519KeyPair noiseKey, Curve25519KeyPair identityKey, int signedPreKeyId,
                          Curve25519KeyPair signedPreKey, byte[] signedPreKeySignature, int registrationId,
                          byte[] advSecret, Curve25519KeyPair pairingEphemeralKey, Jid me, Jid meLid, byte[] account,
                          String platform, byte[] phoneIdentityKey, int nextPreKeyId, int firstUnuploadedPreKeyId,
                          byte[] routingInfo, String businessName) {

    /** Format version written into every record. */
    public static final int FORMAT_VERSION = 1;

    public Credentials {
        Objects.requireNonNull(noiseKey, "noiseKey");
        Objects.requireNonNull(identityKey, "identityKey");
        Objects.requireNonNull(signedPreKey, "signedPreKey");
        Objects.requireNonNull(pairingEphemeralKey, "pairingEphemeralKey");
        if (signedPreKeySignature == null || signedPreKeySignature.length != XEdDsa.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("signed prekey signature must be 64 bytes");
        }
        if (advSecret == null || advSecret.length != 32) {
            throw new IllegalArgumentException("adv secret must be 32 bytes");
        }
        if ((registrationId & ~0x3fff) != 0) {
            throw new IllegalArgumentException("registration id must fit 14 bits");
        }
        if (signedPreKeyId < 0 || signedPreKeyId > 0xFFFFFF || nextPreKeyId < 1 || firstUnuploadedPreKeyId < 1) {
            throw new IllegalArgumentException("prekey ids out of range");
        }
        signedPreKeySignature = signedPreKeySignature.clone();
        advSecret = advSecret.clone();
        account = account == null ? null : account.clone();
        phoneIdentityKey = phoneIdentityKey == null ? null : phoneIdentityKey.clone();
        routingInfo = routingInfo == null ? null : routingInfo.clone();
    }

    /** New device material, as Baileys {@code initAuthCreds}: fresh keys, signed prekey id 1, prekey ids from 1. */
    public static Credentials generate(RandomSource random) {
        Curve25519KeyPair identity = Curve25519.generateKeyPair(random);
        Curve25519KeyPair noise = Curve25519.generateKeyPair(random);
        Curve25519KeyPair pairing = Curve25519.generateKeyPair(random);
        Curve25519KeyPair signedPreKey = Curve25519.generateKeyPair(random);
        byte[] regBytes = random.bytes(2);
        // Baileys generateRegistrationId: a random uint16 & 0x3fff
        int registrationId = (((regBytes[0] & 0xff) << 8) | (regBytes[1] & 0xff)) & 0x3fff;
        return of(noise, identity, pairing, 1, signedPreKey, registrationId, random.bytes(32));
    }

    /** Unpaired credentials from given keys; the signed prekey is signed here with the identity key. */
    public static Credentials of(Curve25519KeyPair noise, Curve25519KeyPair identity, Curve25519KeyPair pairing,
                                 int signedPreKeyId, Curve25519KeyPair signedPreKey, int registrationId,
                                 byte[] advSecret) {
        byte[] signature = XEdDsa.sign(identity.privateKey(), signedPreKey.typedPublicKey());
        return new Credentials(noise, identity, signedPreKeyId, signedPreKey, signature, registrationId, advSecret,
                pairing, null, null, null, null, null, 1, 1, null, null);
    }

    /** True once pair-success has been accepted: the device logs in instead of registering. */
    public boolean isPaired() {
        return me != null;
    }

    @Override
    public byte[] signedPreKeySignature() {
        return signedPreKeySignature.clone();
    }

    @Override
    public byte[] advSecret() {
        return advSecret.clone();
    }

    @Override
    public byte[] account() {
        return account == null ? null : account.clone();
    }

    @Override
    public byte[] phoneIdentityKey() {
        return phoneIdentityKey == null ? null : phoneIdentityKey.clone();
    }

    @Override
    public byte[] routingInfo() {
        return routingInfo == null ? null : routingInfo.clone();
    }

    /** After a verified pair-success (§6 step 6.7). */
    public Credentials withPairing(Jid newMe, Jid newLid, byte[] newAccount, String newPlatform,
                                   byte[] newPhoneIdentityKey, String newBusinessName) {
        return new Credentials(noiseKey, identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature,
                registrationId, advSecret, pairingEphemeralKey, Objects.requireNonNull(newMe, "me"), newLid, newAccount,
                newPlatform, newPhoneIdentityKey, nextPreKeyId, firstUnuploadedPreKeyId, routingInfo, newBusinessName);
    }

    /** The LID the server announced in {@code <success lid=…>}. */
    public Credentials withMeLid(Jid newLid) {
        return new Credentials(noiseKey, identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature,
                registrationId, advSecret, pairingEphemeralKey, me, newLid, account, platform, phoneIdentityKey,
                nextPreKeyId, firstUnuploadedPreKeyId, routingInfo, businessName);
    }

    /** Phone-code pairing replaces the random ADV secret with the derived one (§7 step 5.8). */
    public Credentials withAdvSecret(byte[] newSecret) {
        return new Credentials(noiseKey, identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature,
                registrationId, newSecret, pairingEphemeralKey, me, meLid, account, platform, phoneIdentityKey,
                nextPreKeyId, firstUnuploadedPreKeyId, routingInfo, businessName);
    }

    public Credentials withPreKeyIds(int newNext, int newFirstUnuploaded) {
        return new Credentials(noiseKey, identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature,
                registrationId, advSecret, pairingEphemeralKey, me, meLid, account, platform, phoneIdentityKey,
                newNext, newFirstUnuploaded, routingInfo, businessName);
    }

    public Credentials withRoutingInfo(byte[] newRoutingInfo) {
        return new Credentials(noiseKey, identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature,
                registrationId, advSecret, pairingEphemeralKey, me, meLid, account, platform, phoneIdentityKey,
                nextPreKeyId, firstUnuploadedPreKeyId, newRoutingInfo, businessName);
    }

    /** The {@code creds} entry bytes. */
    public byte[] encode() {
        StoredCredentials.Builder b = StoredCredentials.newBuilder()
                .setVersion(FORMAT_VERSION)
                .setNoiseKey(pair(noiseKey))
                .setIdentityKey(pair(identityKey))
                .setSignedPreKeyId(signedPreKeyId)
                .setSignedPreKey(pair(signedPreKey))
                .setSignedPreKeySignature(ByteString.copyFrom(signedPreKeySignature))
                .setRegistrationId(registrationId)
                .setAdvSecret(ByteString.copyFrom(advSecret))
                .setPairingEphemeralKey(pair(pairingEphemeralKey))
                .setNextPreKeyId(nextPreKeyId)
                .setFirstUnuploadedPreKeyId(firstUnuploadedPreKeyId);
        if (me != null) {
            b.setMe(me.toString());
        }
        if (meLid != null) {
            b.setMeLid(meLid.toString());
        }
        if (account != null) {
            b.setAccount(ByteString.copyFrom(account));
        }
        if (platform != null) {
            b.setPlatform(platform);
        }
        if (phoneIdentityKey != null) {
            b.setPhoneIdentityKey(ByteString.copyFrom(phoneIdentityKey));
        }
        if (routingInfo != null) {
            b.setRoutingInfo(ByteString.copyFrom(routingInfo));
        }
        if (businessName != null) {
            b.setBusinessName(businessName);
        }
        return b.build().toByteArray();
    }

    /**
     * Reads a {@code creds} entry.
     *
     * @throws CredentialsFormatException when the bytes are not credentials this version can use
     */
    public static Credentials decode(byte[] bytes) throws CredentialsFormatException {
        StoredCredentials s;
        try {
            s = StoredCredentials.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CredentialsFormatException("credentials do not parse: " + e.getMessage(), e);
        }
        if (s.getVersion() != FORMAT_VERSION) {
            throw new CredentialsFormatException("credentials format version " + s.getVersion() + " is not "
                    + FORMAT_VERSION, null);
        }
        try {
            return new Credentials(pair(s.getNoiseKey(), "noise key"), pair(s.getIdentityKey(), "identity key"),
                    s.getSignedPreKeyId(), pair(s.getSignedPreKey(), "signed prekey"),
                    s.getSignedPreKeySignature().toByteArray(), s.getRegistrationId(), s.getAdvSecret().toByteArray(),
                    pair(s.getPairingEphemeralKey(), "pairing ephemeral key"),
                    s.hasMe() ? Jid.parse(s.getMe()) : null, s.hasMeLid() ? Jid.parse(s.getMeLid()) : null,
                    s.hasAccount() ? s.getAccount().toByteArray() : null, s.hasPlatform() ? s.getPlatform() : null,
                    s.hasPhoneIdentityKey() ? s.getPhoneIdentityKey().toByteArray() : null,
                    s.getNextPreKeyId(), s.getFirstUnuploadedPreKeyId(),
                    s.hasRoutingInfo() ? s.getRoutingInfo().toByteArray() : null,
                    s.hasBusinessName() ? s.getBusinessName() : null);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CredentialsFormatException("credentials are incomplete or invalid: " + e.getMessage(), e);
        }
    }

    private static StoredKeyPair pair(Curve25519KeyPair keyPair) {
        return StoredKeyPair.newBuilder().setPrivateKey(ByteString.copyFrom(keyPair.privateKey()))
                .setPublicKey(ByteString.copyFrom(keyPair.publicKey())).build();
    }

    private static Curve25519KeyPair pair(StoredKeyPair stored, String name) {
        if (!stored.hasPrivateKey() || !stored.hasPublicKey()) {
            throw new IllegalArgumentException(name + " missing");
        }
        return new Curve25519KeyPair(stored.getPrivateKey().toByteArray(), stored.getPublicKey().toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && noiseKey.equals(c.noiseKey) && identityKey.equals(c.identityKey)
                && signedPreKeyId == c.signedPreKeyId && signedPreKey.equals(c.signedPreKey)
                && Arrays.equals(signedPreKeySignature, c.signedPreKeySignature) && registrationId == c.registrationId
                && Arrays.equals(advSecret, c.advSecret) && pairingEphemeralKey.equals(c.pairingEphemeralKey)
                && Objects.equals(me, c.me) && Objects.equals(meLid, c.meLid) && Arrays.equals(account, c.account)
                && Objects.equals(platform, c.platform) && Arrays.equals(phoneIdentityKey, c.phoneIdentityKey)
                && nextPreKeyId == c.nextPreKeyId && firstUnuploadedPreKeyId == c.firstUnuploadedPreKeyId
                && Arrays.equals(routingInfo, c.routingInfo) && Objects.equals(businessName, c.businessName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(noiseKey, identityKey, me, registrationId, nextPreKeyId);
    }

    /** No key material. */
    @Override
    public String toString() {
        return "Credentials[me=" + me + ", meLid=" + meLid + ", registrationId=" + registrationId + ", nextPreKeyId="
                + nextPreKeyId + ", platform=" + platform + "]";
    }
}
