package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.auth.OneTimePreKeys;
import com.wagateway.whatsapp.auth.PreKey;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BigEndian;
import com.wagateway.whatsapp.binary.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One-time prekey upload (fact sheet §8.2): generates {@code count} keys from {@code nextPreKeyId}, appends their
 * private halves to the {@code prekeys} entry and advances the ids in the credentials <em>before</em> the upload
 * (an id is never handed out twice, Baileys does the same), then sends the {@code encrypt} set IQ. The keys are
 * not kept in memory afterwards. Runs on the client's serial executor.
 */
final class PreKeyUploader {

    private static final System.Logger LOG = System.getLogger(PreKeyUploader.class.getName());
    /** §8.1 MIN_PREKEY_COUNT: top-up size and the count at or below which the server stock is low. */
    static final int MIN_PREKEY_COUNT = 5;

    private final ClientContext context;
    private final CredentialsKeeper keeper;
    private CompletableFuture<Void> inFlight;

    PreKeyUploader(ClientContext context, CredentialsKeeper keeper) {
        this.context = context;
        this.keeper = keeper;
    }

    /** Uploads {@code count} new prekeys on {@code connection}; joins an upload already running. */
    CompletableFuture<Void> upload(NodeConnection connection, int count) {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        CompletableFuture<Void> result;
        try {
            Node iq = prepare(count);
            result = connection.query(iq).thenAccept(answer -> LOG.log(System.Logger.Level.INFO,
                    "event=prekeys_uploaded sessionId={0} count={1}", context.sessionId(), String.valueOf(count)));
        } catch (IOException e) {
            result = CompletableFuture.failedFuture(e);
        }
        inFlight = result;
        return result;
    }

    /**
     * False when prekeys were handed out ({@code nextPreKeyId > 1}) but the newest is not in the store, e.g. a
     * store restored without its {@code prekeys} entry; an unreadable entry counts as missing.
     */
    boolean currentPreKeyStored() {
        int current = keeper.credentials().nextPreKeyId() - 1;
        if (current < 1) {
            return true;
        }
        try {
            byte[] entry = context.store().read(CredentialsKeeper.PREKEYS).orElse(null);
            return entry != null && OneTimePreKeys.contains(entry, current);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "event=prekeys_unreadable sessionId={0} error={1}",
                    context.sessionId(), e.toString());
            return false;
        }
    }

    /** Generates, stores and builds the upload IQ. */
    private Node prepare(int count) throws IOException {
        Credentials creds = keeper.credentials();
        return uploadNode(creds, reserve(count));
    }

    /**
     * Generates {@code count} prekeys with ids from {@code nextPreKeyId}, stores their private halves and advances
     * the ids (Baileys {@code getNextPreKeys}); the caller hands the public halves out (upload or retry receipt).
     */
    List<PreKey> reserve(int count) throws IOException {
        Credentials creds = keeper.credentials();
        int first = creds.nextPreKeyId();
        List<PreKey> keys = OneTimePreKeys.generate(first, count, context.runtime().random());
        byte[] existing = context.store().read(CredentialsKeeper.PREKEYS).orElse(null);
        context.store().write(CredentialsKeeper.PREKEYS, OneTimePreKeys.append(existing, keys));
        int after = first + count;
        keeper.save(creds.withPreKeyIds(Math.max(after, creds.nextPreKeyId()),
                Math.max(after, creds.firstUnuploadedPreKeyId())));
        return keys;
    }

    /** §8.2 upload IQ (Baileys getNextPreKeysNode). */
    static Node uploadNode(Credentials creds, List<PreKey> keys) {
        List<Node> list = new ArrayList<>(keys.size());
        for (PreKey key : keys) {
            list.add(Node.of("key", Attributes.empty(), List.of(
                    Node.of("id", Attributes.empty(), BigEndian.bytes(key.id(), 3)),
                    Node.of("value", Attributes.empty(), key.keyPair().publicKey()))));
        }
        Node skey = Node.of("skey", Attributes.empty(), List.of(
                Node.of("id", Attributes.empty(), BigEndian.bytes(creds.signedPreKeyId(), 3)),
                Node.of("value", Attributes.empty(), creds.signedPreKey().publicKey()),
                Node.of("signature", Attributes.empty(), creds.signedPreKeySignature())));
        return Node.of("iq", Attributes.of("xmlns", "encrypt", "type", "set", "to", NodeConnection.SERVER), List.of(
                Node.of("registration", Attributes.empty(), BigEndian.bytes(creds.registrationId(), 4)),
                Node.of("type", Attributes.empty(), new byte[] {5}),
                Node.of("identity", Attributes.empty(), creds.identityKey().publicKey()),
                Node.of("list", Attributes.empty(), list),
                skey));
    }
}
