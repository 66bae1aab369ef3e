package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.auth.PreKey;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.io.IOException;

/**
 * Answers a message that could not be decrypted or read (fact sheet §10.7 step 4): a retry receipt while retries
 * remain (our keys from retry 2 on), the nack the reference sends after it, and a report to the application; a
 * malformed stanza gets the parse-error nack. Never throws: the session goes on. Runs on the serial executor.
 */
final class UndecryptableAnswers {

    private static final System.Logger LOG = System.getLogger(UndecryptableAnswers.class.getName());
    /** Baileys {@code maxMsgRetryCount}. */
    static final int MAX_RETRY_RECEIPTS = 5;
    /** NACK codes (Baileys {@code NACK_REASONS}). */
    static final int NACK_PARSE_ERROR = 487;
    static final int NACK_MISSING_MESSAGE_SECRET = 495;
    static final int NACK_UNHANDLED = 500;

    private final MessagingContext context;
    private final Addressing addressing;
    private final ExpiringLru<String, Integer> retries = new ExpiringLru<>(256, 3_600_000);

    UndecryptableAnswers(MessagingContext context, Addressing addressing) {
        this.context = context;
        this.addressing = addressing;
    }

    /**
     * §10.7 step 4: a retry receipt while retries remain (keys from retry 2 on, or at once when the stanza had no
     * enc), the nack the reference sends after it, and a report.
     */
    void undecryptable(Node node, MessageReceiver.Envelope env, Credentials creds, String reason, boolean noEnc) {
        String key = env.id() + ":" + (node.attr("participant") == null ? "" : node.attr("participant"));
        Integer before = retries.get(key, context.clock().millis());
        int count = before == null ? 1 : before + 1;
        LOG.log(System.Logger.Level.WARNING, "event=message_undecryptable sessionId={0} id={1} retry={2} "
                + "reason=\"{3}\"", context.sessionId(), env.id(), String.valueOf(count), reason);
        if (count <= MAX_RETRY_RECEIPTS) {
            retries.put(key, count, context.clock().millis());
            Node keys = null;
            if (count > 1 || noEnc) {
                keys = retryKeys(creds);
            }
            context.stanzas().send(MessageNodes.retryReceipt(node, count, creds.registrationId(), keys));
        }
        context.stanzas().send(MessageNodes.nack(node, creds.me(), NACK_UNHANDLED));
        context.listener().messageUndecryptable(env.id(), addressing.preferPn(env.author().toNormalizedUser()),
                reason);
    }

    private Node retryKeys(Credentials creds) {
        try {
            PreKey preKey = context.preKeys().reserve();
            return MessageNodes.retryKeys(creds.identityKey().publicKey(), preKey.id(),
                    preKey.keyPair().publicKey(), creds.signedPreKeyId(), creds.signedPreKey().publicKey(),
                    creds.signedPreKeySignature(), creds.account());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=retry_keys_failed sessionId={0} error={1}",
                    context.sessionId(), e.toString());
            return null;
        }
    }

    void malformed(Node node, Credentials creds, String reason) {
        LOG.log(System.Logger.Level.WARNING, "event=message_malformed sessionId={0} reason=\"{1}\"",
                context.sessionId(), reason);
        if (node.attr("id") != null && node.attr("from") != null) {
            context.stanzas().send(MessageNodes.nack(node, creds.me(), NACK_PARSE_ERROR));
            context.listener().messageUndecryptable(node.attr("id"), Jid.tryParse(node.attr("from")),
                    "malformed stanza: " + reason);
        }
    }
}
