package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;

import java.util.Arrays;

/**
 * X3DH session setup (fact sheet §9.4) for both roles, producing a fresh {@link SessionState}. The initiator consumes
 * two key pairs from the random source (base key, then first ratchet key), in libsignal-node's order.
 */
final class X3dh {

    private static final int DISCONTINUITY = 32;

    private X3dh() {
    }

    /** Alice: from Bob's bundle keys (raw 32 bytes each; {@code preKey} null without a one-time prekey). */
    static SessionState initiator(Curve25519KeyPair ourIdentity, byte[] theirIdentityTyped, byte[] theirSignedPreKey,
                                  byte[] theirPreKey, int remoteRegistrationId, RandomSource random) throws SignalException {
        Curve25519KeyPair base = Curve25519.generateKeyPair(random);
        byte[] secret = secret(theirPreKey != null,
                dh(ourIdentity.privateKey(), theirSignedPreKey),
                dh(base.privateKey(), theirIdentityTyped),
                dh(base.privateKey(), theirSignedPreKey),
                theirPreKey == null ? null : dh(base.privateKey(), theirPreKey));
        SessionState state = new SessionState(2);
        state.rootKey = rootKey(secret);
        Curve25519KeyPair ratchet = Curve25519.generateKeyPair(random);
        state.ourRatchetPrivate = ratchet.privateKey();
        state.ourRatchetPublic = ratchet.publicKey();
        state.lastRemoteRatchet = theirSignedPreKey;
        state.remoteIdentityKey = theirIdentityTyped;
        state.remoteRegistrationId = remoteRegistrationId;
        state.baseKey = base.publicKey();
        state.baseKeyOurs = true;
        byte[] derived = SignalCrypto.deriveSecrets(dh(state.ourRatchetPrivate, theirSignedPreKey), state.rootKey,
                SignalCrypto.INFO_RATCHET, 2);
        state.rootKey = Arrays.copyOfRange(derived, 0, 32);
        state.addChain(new RatchetChain(state.ourRatchetPublic, true, -1, Arrays.copyOfRange(derived, 32, 64)));
        return state;
    }

    /** Bob: from Alice's pkmsg and our signed (and maybe one-time) prekey; the ratchet steps on the first message. */
    static SessionState responder(Curve25519KeyPair ourIdentity, Curve25519KeyPair ourSignedPreKey,
                                  Curve25519KeyPair ourPreKey, PreKeySignalMessage message) throws SignalException {
        byte[] secret = secret(ourPreKey != null,
                dh(ourSignedPreKey.privateKey(), message.identityKey()),
                dh(ourIdentity.privateKey(), message.baseKey()),
                dh(ourSignedPreKey.privateKey(), message.baseKey()),
                ourPreKey == null ? null : dh(ourPreKey.privateKey(), message.baseKey()));
        SessionState state = new SessionState(2);
        state.rootKey = rootKey(secret);
        state.ourRatchetPrivate = ourSignedPreKey.privateKey();
        state.ourRatchetPublic = ourSignedPreKey.publicKey();
        state.lastRemoteRatchet = message.baseKey();
        state.remoteIdentityKey = message.identityKey();
        state.remoteRegistrationId = message.registrationId();
        state.baseKey = message.baseKey();
        state.baseKeyOurs = false;
        return state;
    }

    /** {@code 0xFF×32 || dh1 || dh2 || dh3 [|| dh4]}, dh1/dh2 in the initiator's order. */
    private static byte[] secret(boolean withPreKey, byte[] dh1, byte[] dh2, byte[] dh3, byte[] dh4) {
        byte[] secret = new byte[DISCONTINUITY + 32 * (withPreKey ? 4 : 3)];
        Arrays.fill(secret, 0, DISCONTINUITY, (byte) 0xff);
        System.arraycopy(dh1, 0, secret, 32, 32);
        System.arraycopy(dh2, 0, secret, 64, 32);
        System.arraycopy(dh3, 0, secret, 96, 32);
        if (withPreKey) {
            System.arraycopy(dh4, 0, secret, 128, 32);
        }
        return secret;
    }

    private static byte[] rootKey(byte[] secret) {
        byte[] derived = SignalCrypto.deriveSecrets(secret, SignalCrypto.zeroSalt(), SignalCrypto.INFO_TEXT, 1);
        Arrays.fill(secret, (byte) 0);
        return derived;
    }

    static byte[] dh(byte[] privateKey, byte[] publicKey) throws SignalException {
        try {
            return Curve25519.sharedSecret(privateKey, publicKey);
        } catch (CryptoException e) {
            throw new SignalException(SignalException.Reason.INVALID_KEY, "key agreement failed: " + e.getMessage(), e);
        }
    }
}
