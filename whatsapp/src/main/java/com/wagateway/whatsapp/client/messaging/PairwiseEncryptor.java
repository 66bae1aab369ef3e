package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SignalException;

/** Pads and encrypts a message for one device with its Signal session (fact sheet §9.8, §10.4). */
final class PairwiseEncryptor {

    private static final System.Logger LOG = System.getLogger(PairwiseEncryptor.class.getName());

    private final MessagingContext context;
    private final SessionEstablisher sessions;

    PairwiseEncryptor(MessagingContext context, SessionEstablisher sessions) {
        this.context = context;
        this.sessions = sessions;
    }

    /** Pads and encrypts for one device; null (logged) when the session cannot encrypt. */
    EncryptedMessage encrypt(Jid device, byte[] plaintext) {
        try {
            return sessions.cipher(device).encrypt(MessagePadding.pad(plaintext, context.random()));
        } catch (SignalException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=encrypt_failed sessionId={0} device={1} error={2}",
                    context.sessionId(), device, e.getMessage());
            return null;
        }
    }
}
