package com.wagateway.whatsapp.client.messaging;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * A group send (fact sheet §10.5): participants from the group metadata, their devices by usync, our sender key's
 * distribution message pairwise to the devices that lack it ({@link SenderKeyMemory}), one {@code skmsg} for all.
 * Runs on the serial executor, one send at a time ({@link SendQueue}).
 */
final class GroupFanout {

    /** Baileys skips device 99 (hosted) for sender keys. */
    private static final int HOSTED_DEVICE = 99;

    private final MessagingContext context;
    private final LidSignalStore store;
    private final DeviceDirectory devices;
    private final GroupDirectory groups;
    private final SessionEstablisher sessions;
    private final SenderKeyMemory senderKeyMemory;
    private final PairwiseEncryptor encryptor;
    private final SendQueue queue;
    private final OutboundTracker tracker;

    GroupFanout(MessagingContext context, LidSignalStore store, DeviceDirectory devices, GroupDirectory groups,
                SessionEstablisher sessions, SenderKeyMemory senderKeyMemory, PairwiseEncryptor encryptor,
                SendQueue queue, OutboundTracker tracker) {
        this.context = context;
        this.store = store;
        this.devices = devices;
        this.groups = groups;
        this.sessions = sessions;
        this.senderKeyMemory = senderKeyMemory;
        this.encryptor = encryptor;
        this.queue = queue;
        this.tracker = tracker;
    }

    CompletableFuture<Void> send(String id, Jid group, Message message) {
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
                String mediaType = MessageTypes.mediaType(message);
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
                    if (!Addressing.isExactlyMe(d, creds) && d.device() != HOSTED_DEVICE && !have.contains(d.toString())) {
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
                        EncryptedMessage enc = encryptor.encrypt(device, distribution);
                        if (enc != null) {
                            participants.add(MessageNodes.to(device, enc, mediaType));
                            have.add(device.toString());
                            pkmsg |= enc.kind() == MessageKind.PKMSG;
                        }
                    }
                    queue.write(MessageNodes.message(id, group, MessageTypes.stanzaType(message), mediaType, null,
                            info.addressingMode(), participants, skmsg,
                            pkmsg ? creds.account() : null));
                    if (!participants.isEmpty()) {
                        senderKeyMemory.save(group, holders);
                    }
                    tracker.remember(id, new OutboundTracker.Recent(group, plain, senderIdentity));
                });
            });
        });
    }

    static Message skdmMessage(Jid group, byte[] skdm) {
        return Message.newBuilder().setSenderKeyDistributionMessage(Message.SenderKeyDistributionMessage.newBuilder()
                .setGroupId(group.toString()).setAxolotlSenderKeyDistributionMessage(ByteString.copyFrom(skdm)))
                .build();
    }
}
