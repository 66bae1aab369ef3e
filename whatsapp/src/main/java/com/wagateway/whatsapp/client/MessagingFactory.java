package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.CredentialSignalStore;
import com.wagateway.whatsapp.auth.LidMappingStore;
import com.wagateway.whatsapp.client.messaging.LidMappings;
import com.wagateway.whatsapp.client.messaging.Messaging;
import com.wagateway.whatsapp.client.messaging.MessagingContext;
import com.wagateway.whatsapp.client.messaging.Stanzas;

/**
 * Builds one session's {@link Messaging} over its {@link CredentialStore}: the persistent Signal state
 * ({@link CredentialSignalStore}) and LID mapping ({@link LidMappingStore}) both live there, so they are atomic and
 * encrypted exactly as the credentials are.
 */
final class MessagingFactory {

    private MessagingFactory() {
    }

    static Messaging create(ClientContext context, CredentialsKeeper keeper, PreKeyUploader preKeys,
                            SessionListener listener, SerialExecutor serial, Stanzas stanzas) {
        ClientConfig config = context.config();
        return new Messaging(new MessagingContext(context.sessionId(), stanzas,
                new CredentialSignalStore(context.store(), keeper::credentials),
                new StoredLidMappings(new LidMappingStore(context.store())), keeper::credentials,
                () -> preKeys.reserve(1).getFirst(), context.store(), listener, context.runtime().scheduler(), serial,
                context.runtime().random(), context.runtime().clock(), config.messageAckTimeout(),
                config.pushName() != null && !config.pushName().isBlank(), config.maxSkippedKeys(),
                config.retryCacheMessages(), config.retryCacheBytes(), config.inboundKeepTimeout()));
    }

    /** {@link LidMappings} over the persistent {@link LidMappingStore}. */
    private record StoredLidMappings(LidMappingStore store) implements LidMappings {
        @Override
        public String lidForPn(String pnUser) {
            return store.lidUserFor(pnUser).orElse(null);
        }

        @Override
        public String pnForLid(String lidUser) {
            return store.pnUserFor(lidUser).orElse(null);
        }

        @Override
        public boolean store(String pnUser, String lidUser) {
            if (lidUser.equals(lidForPn(pnUser)) && pnUser.equals(pnForLid(lidUser))) {
                return false;
            }
            store.learn(pnUser, lidUser);
            return true;
        }
    }
}
