package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;

import java.util.Objects;

/**
 * X3DH session setup as the initiator, from a fetched bundle (fact sheet §9.4), as libsignal-node's
 * {@code SessionBuilder.initOutgoing}: the open session (if any) is archived and the new one becomes current, sending
 * {@code pkmsg} until the remote answers. Unlike libsignal-node (which passes {@code isInit} and skips it) the signed
 * prekey's signature is checked: a bundle whose signature does not verify is refused.
 */
public final class SessionBuilder {

    private SessionBuilder() {
    }

    /** Creates (or replaces) the session with {@code remote} from its bundle; later {@link SessionCipher#encrypt} makes pkmsg until a reply. */
    public static void processBundle(SignalStore store, SignalAddress remote, PreKeyBundle bundle, RandomSource random)
            throws SignalException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(random, "random");
        byte[] identity = bundleKey(bundle.identityKey(), "identity key");
        byte[] signedPreKey = bundleKey(bundle.signedPreKey(), "signed prekey");
        byte[] preKey = bundle.hasPreKey() ? bundleKey(bundle.preKey(), "one-time prekey") : null;
        if (!XEdDsa.verify(identity, Curve25519.typed(signedPreKey), bundle.signedPreKeySignature())) {
            throw new SignalException(SignalException.Reason.BAD_SIGNATURE,
                    "signed prekey " + bundle.signedPreKeyId() + " of " + remote + " has a bad signature");
        }
        byte[] identityTyped = Curve25519.typed(identity);
        SessionState state = X3dh.initiator(store.identityKeyPair(), identityTyped, signedPreKey, preKey,
                bundle.registrationId(), random);
        state.pendingPreKey = true;
        state.pendingSignedPreKeyId = bundle.signedPreKeyId();
        state.pendingPreKeyId = preKey == null ? SessionState.NO_PRE_KEY : bundle.preKeyId();

        SessionRecord record = SessionCipher.loadRecord(store, remote);
        if (record == null) {
            record = new SessionRecord();
        }
        record.addNewState(state);
        store.saveIdentity(remote, identityTyped); // trust on first use (§9.9): the key we now encrypt to
        store.storeSession(remote, record.serialize());
    }

    private static byte[] bundleKey(byte[] key, String what) throws SignalException {
        try {
            return Curve25519.untyped(key).clone();
        } catch (CryptoException e) {
            throw new SignalException(SignalException.Reason.INVALID_KEY, "bundle " + what + ": " + e.getMessage(), e);
        }
    }
}
