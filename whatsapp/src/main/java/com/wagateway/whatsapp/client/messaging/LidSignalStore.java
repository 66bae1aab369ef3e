package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalStore;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.util.Collection;
import java.util.Optional;

/**
 * Keys sessions and identities the way the reference does (fact sheet §9.9, Baileys {@code resolveLIDSignalAddress}):
 * a phone-number address ({@code 123.7}, hosted {@code 123_128.99}) is stored under its LID address
 * ({@code 987_1.7}, {@code 987_129.99}) once the mapping is known, so callers may use either. Sender keys, prekeys
 * and the own identity pass through unchanged.
 */
public final class LidSignalStore implements SignalStore {

    private static final System.Logger LOG = System.getLogger(LidSignalStore.class.getName());

    private final SignalStore delegate;
    private final LidMappings mappings;
    private final String sessionId;

    public LidSignalStore(SignalStore delegate, LidMappings mappings, String sessionId) {
        this.delegate = delegate;
        this.mappings = mappings;
        this.sessionId = sessionId;
    }

    /** Without a session id for the logs (source compatibility). */
    public LidSignalStore(SignalStore delegate, LidMappings mappings) {
        this(delegate, mappings, null);
    }

    /** The address the record lives under: the LID address for a mapped PN address, else the address itself. */
    public SignalAddress resolve(SignalAddress address) {
        String name = address.name();
        int underscore = name.indexOf('_');
        String user;
        String lidSuffix;
        if (underscore < 0) {
            user = name;
            lidSuffix = "_1";
        } else if (name.endsWith("_128")) {
            user = name.substring(0, underscore);
            lidSuffix = "_129";
        } else {
            return address;
        }
        String lid = mappings.lidForPn(user);
        return lid == null ? address : new SignalAddress(lid + lidSuffix, address.deviceId());
    }

    /**
     * Moves the PN-keyed sessions and identities of {@code pnUser}'s {@code devices} to the LID address (Baileys
     * {@code migrateSession}) after a mapping was learned; an existing LID session wins. Returns how many moved.
     */
    public int migrate(String pnUser, String lidUser, Collection<Integer> devices) {
        int moved = 0;
        for (int device : devices) {
            SignalAddress pn = new SignalAddress(pnUser, device);
            SignalAddress lid = new SignalAddress(lidUser + "_1", device);
            Optional<byte[]> session = delegate.loadSession(pn);
            if (session.isEmpty()) {
                continue;
            }
            if (delegate.loadSession(lid).isEmpty()) {
                delegate.storeSession(lid, session.get());
                delegate.loadIdentity(pn).ifPresent(key -> delegate.saveIdentity(lid, key));
                moved++;
            }
            delegate.deleteSession(pn);
        }
        if (moved > 0) {
            LOG.log(System.Logger.Level.DEBUG, "event=sessions_migrated sessionId={0} count={1}", sessionId,
                    String.valueOf(moved));
        }
        return moved;
    }

    @Override
    public Curve25519KeyPair identityKeyPair() {
        return delegate.identityKeyPair();
    }

    @Override
    public int localRegistrationId() {
        return delegate.localRegistrationId();
    }

    @Override
    public Optional<Curve25519KeyPair> loadPreKey(int id) {
        return delegate.loadPreKey(id);
    }

    @Override
    public void removePreKey(int id) {
        delegate.removePreKey(id);
    }

    @Override
    public Optional<SignedPreKey> loadSignedPreKey(int id) {
        return delegate.loadSignedPreKey(id);
    }

    @Override
    public Optional<byte[]> loadSession(SignalAddress address) {
        return delegate.loadSession(resolve(address));
    }

    @Override
    public void storeSession(SignalAddress address, byte[] record) {
        delegate.storeSession(resolve(address), record);
    }

    @Override
    public void deleteSession(SignalAddress address) {
        delegate.deleteSession(resolve(address));
    }

    @Override
    public Optional<byte[]> loadIdentity(SignalAddress address) {
        return delegate.loadIdentity(resolve(address));
    }

    @Override
    public void saveIdentity(SignalAddress address, byte[] typedIdentityKey) {
        delegate.saveIdentity(resolve(address), typedIdentityKey);
    }

    @Override
    public Optional<byte[]> loadSenderKey(SenderKeyName name) {
        return delegate.loadSenderKey(name);
    }

    @Override
    public void storeSenderKey(SenderKeyName name, byte[] record) {
        delegate.storeSenderKey(name, record);
    }

    @Override
    public void senderKeyRecordReplaced(SenderKeyName name) {
        LOG.log(System.Logger.Level.WARNING, "event=sender_key_record_unreadable sessionId={0} group={1} sender={2} "
                + "action=replace", sessionId, name.groupId(), name.sender());
        delegate.senderKeyRecordReplaced(name);
    }
}
