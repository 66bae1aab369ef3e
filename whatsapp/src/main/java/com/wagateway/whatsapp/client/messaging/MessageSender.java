package com.wagateway.whatsapp.client.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends text (fact sheet §10.4 1:1, §10.5 groups) and answers retry receipts (§10.7 step 4). Sends run one after
 * another in the order asked: a send that needs the server (device list, bundles, group metadata) holds the next
 * one back until its stanza is written, so messages to a chat leave in order and one device's session is never set
 * up twice. Runs on the serial executor.
 */
final class MessageSender {

    private static final System.Logger LOG = System.getLogger(MessageSender.class.getName());
    /** Baileys skips device 99 (hosted) for sender keys. */
    private static final int HOSTED_DEVICE = 99;

    private final MessagingContext context;
    private final Addressing addressing;
    private final LidSignalStore store;
    private final DeviceDirectory devices;
    private final GroupDirectory groups;
    private final SessionEstablisher sessions;
    private final SenderKeyMemory senderKeyMemory;
    private final OutboundTracker tracker;
    private ArrayDeque<Supplier<CompletableFuture<?>>> queue;
    private boolean busy;

    MessageSender(MessagingContext context, Addressing addressing, LidSignalStore store, DeviceDirectory devices,
                  GroupDirectory groups, SessionEstablisher sessions, SenderKeyMemory senderKeyMemory,
                  OutboundTracker tracker) {
        this.context = context;
        this.addressing = addressing;
        this.store = store;
        this.devices = devices;
        this.groups = groups;
        this.sessions = sessions;
        this.senderKeyMemory = senderKeyMemory;
        this.tracker = tracker;
    }

    CompletableFuture<SentMessage> sendText(String id, Jid to, String text) {
        CompletableFuture<SentMessage> result = new CompletableFuture<>();
        if (id == null || id.isEmpty() || to == null || text == null) {
            result.completeExceptionally(new MessageSendException(MessageSendException.INVALID_RECIPIENT,
                    "message id, recipient and text are required"));
            return result;
        }
        boolean group = to.server().equals(Jid.GROUP);
        if (!group && !Addressing.isPn(to) && !Addressing.isLid(to)) {
            result.completeExceptionally(new MessageSendException(MessageSendException.INVALID_RECIPIENT,
                    "cannot send to " + to.server() + " JIDs"));
            return result;
        }
        if (!context.stanzas().isOpen()) {
            result.completeExceptionally(new MessageSendException(MessageSendException.NOT_CONNECTED,
                    "not connected to the server"));
            return result;
        }
        if (tracker.isPending(id)) {
            result.completeExceptionally(new MessageSendException(MessageSendException.INVALID_RECIPIENT,
                    "message id " + id + " is already being sent"));
            return result;
        }
        long timeout = context.ackTimeout().toMillis();
        tracker.track(id, result, context.scheduler().schedule(() -> context.serial().execute(() ->
                tracker.fail(id, new MessageSendException(MessageSendException.TIMEOUT,
                        "no server ack within " + context.ackTimeout()))), timeout, TimeUnit.MILLISECONDS));
        Message message = Message.newBuilder().setConversation(text).build();
        Jid chat = to.toNormalizedUser();
        enqueue(() -> {
            if (!tracker.isPending(id)) {
                // failed while queued (connection ended, timeout): it must not go out later on another connection
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> sending;
            try {
                sending = group ? sendToGroup(id, chat, message) : sendToUser(id, chat, message);
            } catch (RuntimeException e) {
                sending = CompletableFuture.failedFuture(e);
            }
            return sending.whenComplete((ok, error) -> {
                if (error != null) {
                    tracker.fail(id, sendFailure(error));
                }
            });
        });
        return result;
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
        enqueue(() -> doResend(id, device, count, receipt, recent).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "event=resend_failed sessionId={0} id={1} device={2} error={3}",
                        context.sessionId(), id, device, rootMessage(error));
            }
        }));
    }

    // ---- 1:1 ---------------------------------------------------------------------------------------------------

    private CompletableFuture<Void> sendToUser(String id, Jid to, Message message) {
        Credentials creds = context.credentials().get();
        Jid me = creds.me();
        Jid meLid = creds.meLid();
        boolean lidChat = Addressing.isLid(to);
        Jid own = lidChat && meLid != null ? meLid : me;
        return devices.devicesOf(List.of(own.toNormalizedUser(), to)).thenCompose(found -> {
            List<Jid> targets = new ArrayList<>(found.size());
            for (Jid d : found) {
                if (!isExactlyMe(d, creds)) {
                    targets.add(d);
                }
            }
            if (targets.stream().noneMatch(d -> d.user().equals(to.user()))) {
                throw new MessageSendException(MessageSendException.NO_DEVICES, "the server knows no device of "
                        + "the recipient");
            }
            return sessions.ensure(targets, false).thenAccept(ready -> {
                byte[] plain = message.toByteArray();
                byte[] dsm = Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                        .setDestinationJid(to.toString()).setMessage(message)).build().toByteArray();
                List<Node> participants = new ArrayList<>(targets.size());
                List<Jid> encrypted = new ArrayList<>(targets.size());
                boolean pkmsg = false;
                for (Jid device : targets) {
                    if (!ready.contains(device)) {
                        continue;
                    }
                    EncryptedMessage enc = encrypt(device, isMyUser(device, creds) ? dsm : plain);
                    if (enc != null) {
                        participants.add(MessageNodes.to(device, enc));
                        encrypted.add(device);
                        pkmsg |= enc.kind() == MessageKind.PKMSG;
                    }
                }
                if (encrypted.stream().noneMatch(d -> d.user().equals(to.user()))) {
                    throw new MessageSendException(MessageSendException.ENCRYPTION_FAILED,
                            "no device of the recipient could be encrypted for");
                }
                write(MessageNodes.message(id, to, MessageNodes.participantHash(encrypted), null, participants,
                        null, pkmsg ? creds.account() : null));
                tracker.remember(id, new OutboundTracker.Recent(to, plain, null));
            });
        });
    }

    // ---- groups ------------------------------------------------------------------------------------------------

    private CompletableFuture<Void> sendToGroup(String id, Jid group, Message message) {
        Credentials creds = context.credentials().get();
        return groups.info(group).thenCompose(info -> {
            List<Jid> users = new ArrayList<>(info.participants().size());
            for (GroupInfo.Participant p : info.participants()) {
                users.add(p.jid());
            }
            return devices.devicesOf(users).thenCompose(found -> {
                Jid senderIdentity = info.lidAddressed() && creds.meLid() != null ? creds.meLid() : creds.me();
                SenderKeyName own = new SenderKeyName(group.toString(), SignalAddress.of(senderIdentity));
                byte[] plain = message.toByteArray();
                byte[] skdm;
                byte[] skmsg;
                int keyId;
                try {
                    skdm = GroupCipher.distributionMessage(store, own, context.random());
                    keyId = GroupCipher.keyId(skdm);
                    skmsg = GroupCipher.encrypt(store, own, MessagePadding.pad(plain, context.random()));
                } catch (SignalException e) {
                    throw new CompletionException(new MessageSendException(
                            MessageSendException.ENCRYPTION_FAILED, "sender key encryption failed: " + e.getMessage(),
                            e));
                }
                SenderKeyMemory.Holders holders = senderKeyMemory.load(group, keyId);
                Set<String> have = holders.devices();
                List<Jid> lacking = new ArrayList<>();
                for (Jid d : found) {
                    if (!isExactlyMe(d, creds) && d.device() != HOSTED_DEVICE && !have.contains(d.toString())) {
                        lacking.add(d);
                    }
                }
                CompletableFuture<Set<Jid>> ready = lacking.isEmpty()
                        ? CompletableFuture.completedFuture(Set.of()) : sessions.ensure(lacking, false);
                return ready.thenAccept(withSession -> {
                    byte[] distribution = skdmMessage(group, skdm).toByteArray();
                    List<Node> participants = new ArrayList<>(lacking.size());
                    boolean pkmsg = false;
                    for (Jid device : lacking) {
                        if (!withSession.contains(device)) {
                            continue;
                        }
                        EncryptedMessage enc = encrypt(device, distribution);
                        if (enc != null) {
                            participants.add(MessageNodes.to(device, enc));
                            have.add(device.toString());
                            pkmsg |= enc.kind() == MessageKind.PKMSG;
                        }
                    }
                    write(MessageNodes.message(id, group, null, info.addressingMode(), participants, skmsg,
                            pkmsg ? creds.account() : null));
                    if (!participants.isEmpty()) {
                        senderKeyMemory.save(group, holders);
                    }
                    tracker.remember(id, new OutboundTracker.Recent(group, plain, senderIdentity));
                });
            });
        });
    }

    private static Message skdmMessage(Jid group, byte[] skdm) {
        return Message.newBuilder().setSenderKeyDistributionMessage(Message.SenderKeyDistributionMessage.newBuilder()
                .setGroupId(group.toString()).setAxolotlSenderKeyDistributionMessage(ByteString.copyFrom(skdm)))
                .build();
    }

    // ---- retry receipts ----------------------------------------------------------------------------------------

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
            boolean ownDevice = isMyUser(device, creds);
            Message payload = original;
            int keyId = -1;
            if (group && recent.senderKeyIdentity != null) {
                try {
                    byte[] skdm = GroupCipher.distributionMessage(store, new SenderKeyName(recent.chat.toString(),
                            SignalAddress.of(recent.senderKeyIdentity)), context.random());
                    keyId = GroupCipher.keyId(skdm);
                    payload = original.toBuilder().mergeFrom(skdmMessage(recent.chat, skdm)).build();
                } catch (SignalException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "event=retry_skdm_failed sessionId={0} error={1}",
                            context.sessionId(), e.getMessage());
                }
            } else if (ownDevice) {
                payload = Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                        .setDestinationJid(recent.chat.toString()).setMessage(original)).build();
            }
            EncryptedMessage enc = encrypt(device, payload.toByteArray());
            if (enc == null) {
                throw new MessageSendException(MessageSendException.ENCRYPTION_FAILED, "encryption failed");
            }
            write(MessageNodes.resend(id, recent.chat, device, ownDevice && !group, enc, count, creds.account()));
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

    // ---- shared ------------------------------------------------------------------------------------------------

    /** Pads and encrypts for one device; null (logged) when the session cannot encrypt. */
    private EncryptedMessage encrypt(Jid device, byte[] plaintext) {
        try {
            return sessions.cipher(device).encrypt(MessagePadding.pad(plaintext, context.random()));
        } catch (SignalException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=encrypt_failed sessionId={0} device={1} error={2}",
                    context.sessionId(), device, e.getMessage());
            return null;
        }
    }

    private void write(Node stanza) {
        if (!context.stanzas().isOpen()) {
            throw new MessageSendException(MessageSendException.CONNECTION_ENDED, "connection ended before sending");
        }
        context.stanzas().send(stanza);
    }

    private static boolean isExactlyMe(Jid device, Credentials creds) {
        return device.equals(creds.me()) || device.equals(creds.meLid());
    }

    static boolean isMyUser(Jid jid, Credentials creds) {
        return jid.user().equals(creds.me().user())
                || (creds.meLid() != null && jid.user().equals(creds.meLid().user()));
    }

    private void enqueue(Supplier<CompletableFuture<?>> job) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(job);
        pump();
    }

    /** Runs queued sends until one waits for the server; its completion resumes the queue (no recursion). */
    private void pump() {
        while (!busy && queue != null && !queue.isEmpty()) {
            Supplier<CompletableFuture<?>> job = queue.poll();
            CompletableFuture<?> running;
            try {
                running = job.get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "event=send_job_failed sessionId=" + context.sessionId(), e);
                continue;
            }
            if (running.isDone()) {
                continue;
            }
            busy = true;
            running.whenComplete((ok, error) -> context.serial().execute(() -> {
                busy = false;
                pump();
            }));
        }
        if (queue != null && queue.isEmpty() && !busy) {
            queue = null;
        }
    }

    private static RuntimeException sendFailure(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof MessageSendException m) {
            return m;
        }
        return new MessageSendException(MessageSendException.SERVER_ERROR, rootMessage(t), t);
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
