package com.wagateway.whatsapp.client.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import java.util.Set;

/**
 * Answers retry receipts (fact sheet §10.7 step 4): re-encrypts a recent message ({@link OutboundTracker}) for the one
 * device that could not decrypt it, with a session rebuilt from the receipt's keys or a fresh bundle, and for groups
 * with our sender key's distribution message. Queued like a send; runs on the serial executor.
 */
final class RetryResender {

    private static final System.Logger LOG = System.getLogger(RetryResender.class.getName());

    private final MessagingContext context;
    private final LidSignalStore store;
    private final SessionEstablisher sessions;
    private final SenderKeyMemory senderKeyMemory;
    private final PairwiseEncryptor encryptor;
    private final SendQueue queue;
    private final OutboundTracker tracker;

    RetryResender(MessagingContext context, LidSignalStore store, SessionEstablisher sessions,
                  SenderKeyMemory senderKeyMemory, PairwiseEncryptor encryptor, SendQueue queue,
                  OutboundTracker tracker) {
        this.context = context;
        this.store = store;
        this.sessions = sessions;
        this.senderKeyMemory = senderKeyMemory;
        this.encryptor = encryptor;
        this.queue = queue;
        this.tracker = tracker;
    }

    /** The retry receipt's answer: re-encrypts the recent message for one device (queued like a send). */
    void resend(String id, Jid device, int count, Node receipt) {
        OutboundTracker.Recent recent = tracker.recent(id);
        if (recent == null) {
            // sent before a restart, or evicted from the retry cache (ClientConfig.retryCacheMessages/Bytes)
            LOG.log(System.Logger.Level.INFO, "event=retry_unknown_message sessionId={0} id={1} device={2}",
                    context.sessionId(), id, device);
            return;
        }
        if (!recent.allowResend(device)) {
            LOG.log(System.Logger.Level.INFO, "event=retry_limit sessionId={0} id={1} device={2}",
                    context.sessionId(), id, device);
            return;
        }
        queue.enqueue(() -> doResend(id, device, count, receipt, recent).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "event=resend_failed sessionId={0} id={1} device={2} error={3}",
                        context.sessionId(), id, device, MessageSender.rootMessage(error));
            }
        }));
    }

    private CompletableFuture<Void> doResend(String id, Jid device, int count, Node receipt,
                                             OutboundTracker.Recent recent) {
        Credentials creds = context.credentials().get();
        Node keys = receipt.child("keys");
        CompletableFuture<Set<Jid>> session;
        if (keys != null) {
            boolean ok;
            try {
                PreKeyBundle bundle = Bundles.bundle(keys, receipt.child("registration"), device.device());
                ok = sessions.install(device, bundle);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
            session = ok ? CompletableFuture.completedFuture(Set.of(device)) : sessions.ensure(List.of(device), true);
        } else {
            // whatsmeow: without keys, a fresh bundle from retry 2 on or when no session exists
            session = sessions.ensure(List.of(device), count >= 2);
        }
        return session.thenAccept(ready -> {
            if (!ready.contains(device)) {
                throw new MessageSendException(MessageSendException.ENCRYPTION_FAILED, "no session for " + device);
            }
            Message original;
            try {
                original = Message.parseFrom(recent.message);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
            boolean group = recent.chat.server().equals(Jid.GROUP);
            boolean ownDevice = Addressing.isMyUser(device, creds);
            Message payload = original;
            int keyId = -1;
            if (group && recent.senderKeyIdentity != null) {
                try {
                    byte[] skdm = GroupCipher.distributionMessage(store, new SenderKeyName(recent.chat.toString(),
                            SignalAddress.of(recent.senderKeyIdentity)), context.random());
                    keyId = GroupCipher.keyId(skdm);
                    payload = original.toBuilder().mergeFrom(GroupFanout.skdmMessage(recent.chat, skdm)).build();
                } catch (SignalException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "event=retry_skdm_failed sessionId={0} error={1}",
                            context.sessionId(), e.getMessage());
                }
            } else if (ownDevice) {
                payload = Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                        .setDestinationJid(recent.chat.toString()).setMessage(original)).build();
            }
            EncryptedMessage enc = encryptor.encrypt(device, payload.toByteArray());
            if (enc == null) {
                throw new MessageSendException(MessageSendException.ENCRYPTION_FAILED, "encryption failed");
            }
            queue.write(MessageNodes.resend(id, recent.chat, device, ownDevice && !group,
                    MessageTypes.stanzaType(original), enc, count, creds.account()));
            if (group && keyId != -1) {
                SenderKeyMemory.Holders holders = senderKeyMemory.load(recent.chat, keyId);
                if (holders.devices().add(device.toString())) {
                    senderKeyMemory.save(recent.chat, holders);
                }
            }
            LOG.log(System.Logger.Level.INFO, "event=message_resent sessionId={0} id={1} device={2} count={3}",
                    context.sessionId(), id, device, String.valueOf(count));
        });
    }
}
