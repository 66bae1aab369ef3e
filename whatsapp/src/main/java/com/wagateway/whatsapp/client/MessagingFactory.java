package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.auth.OneTimePreKeys;
import com.wagateway.whatsapp.auth.PreKey;
import com.wagateway.whatsapp.client.messaging.LidMappings;
import com.wagateway.whatsapp.client.messaging.Messaging;
import com.wagateway.whatsapp.client.messaging.MessagingContext;
import com.wagateway.whatsapp.client.messaging.Stanzas;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.SignalStore;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Builds one session's {@link Messaging} over its store. INTERIM: in-memory Signal state until the store lands. */
final class MessagingFactory {

    private MessagingFactory() {
    }

    static Messaging create(ClientContext context, CredentialsKeeper keeper, PreKeyUploader preKeys,
                            SessionListener listener, SerialExecutor serial, Stanzas stanzas) {
        Credentials creds = keeper.credentials();
        InMemorySignalStore signal = new InMemorySignalStore(creds.identityKey(), creds.registrationId());
        signal.addSignedPreKey(new SignedPreKey(creds.signedPreKeyId(), creds.signedPreKey(),
                creds.signedPreKeySignature()));
        try {
            byte[] entry = context.store().read(CredentialsKeeper.PREKEYS).orElse(null);
            if (entry != null) {
                for (PreKey key : OneTimePreKeys.decode(entry)) {
                    signal.addPreKey(key.id(), key.keyPair());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> forward = new HashMap<>();
        Map<String, String> reverse = new HashMap<>();
        LidMappings mappings = new LidMappings() {
            @Override
            public String lidForPn(String pnUser) {
                return forward.get(pnUser);
            }

            @Override
            public String pnForLid(String lidUser) {
                return reverse.get(lidUser);
            }

            @Override
            public boolean store(String pnUser, String lidUser) {
                reverse.put(lidUser, pnUser);
                return !lidUser.equals(forward.put(pnUser, lidUser));
            }
        };
        return new Messaging(context(context, keeper, preKeys, listener, serial, stanzas, signal, mappings));
    }

    private static MessagingContext context(ClientContext context, CredentialsKeeper keeper, PreKeyUploader preKeys,
                                            SessionListener listener, SerialExecutor serial, Stanzas stanzas,
                                            SignalStore signal, LidMappings mappings) {
        ClientConfig config = context.config();
        return new MessagingContext(context.sessionId(), stanzas, signal, mappings, keeper::credentials,
                () -> preKeys.reserve(1).getFirst(), context.store(), listener, context.runtime().scheduler(), serial,
                context.runtime().random(), context.runtime().clock(), config.messageAckTimeout(),
                config.pushName() != null && !config.pushName().isBlank());
    }
}
