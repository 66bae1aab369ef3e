package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;

/** A device with its own store, a signed prekey (id 1) and one-time prekeys 100.., for pairwise tests. */
final class TestDevice {

    final String label;
    final SignalAddress address;
    final RandomSource random;
    final InMemorySignalStore store;
    final SignedPreKey signedPreKey;

    TestDevice(String label, SignalAddress address) {
        this.label = label;
        this.address = address;
        this.random = new FixedRandom("signal test " + label);
        Curve25519KeyPair identity = Curve25519.generateKeyPair(random);
        this.store = new InMemorySignalStore(identity, (label.hashCode() & 0x3fff) + 1);
        Curve25519KeyPair spk = Curve25519.generateKeyPair(random);
        this.signedPreKey = new SignedPreKey(1, spk, XEdDsa.sign(identity.privateKey(), spk.typedPublicKey()));
        store.addSignedPreKey(signedPreKey);
        for (int id = 100; id < 110; id++) {
            store.addPreKey(id, Curve25519.generateKeyPair(random));
        }
    }

    PreKeyBundle bundle(int preKeyId) {
        Curve25519KeyPair preKey = preKeyId == PreKeyBundle.NO_PRE_KEY ? null : store.loadPreKey(preKeyId).orElseThrow();
        return new PreKeyBundle(store.localRegistrationId(), address.deviceId(), store.identityKeyPair().publicKey(),
                signedPreKey.id(), signedPreKey.keyPair().publicKey(), signedPreKey.signature(), preKeyId,
                preKey == null ? null : preKey.publicKey());
    }

    SessionCipher cipherFor(TestDevice remote) {
        return cipherFor(remote, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
    }

    SessionCipher cipherFor(TestDevice remote, int maxSkippedKeys) {
        return new SessionCipher(store, remote.address, random, maxSkippedKeys);
    }

    void startSessionWith(TestDevice remote, int preKeyId) throws SignalException {
        SessionBuilder.processBundle(store, remote.address, remote.bundle(preKeyId), random);
    }
}
