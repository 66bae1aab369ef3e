package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A 1:1 send (fact sheet §10.4): the devices of the recipient and of the account's own other devices by usync,
 * sessions for those without one, one encryption per device ({@code DeviceSentMessage} for our own), one
 * {@code <message>} with every {@code <to>}. Runs on the serial executor, one send at a time ({@link SendQueue}).
 */
final class UserFanout {

    private final MessagingContext context;
    private final DeviceDirectory devices;
    private final SessionEstablisher sessions;
    private final PairwiseEncryptor encryptor;
    private final SendQueue queue;
    private final OutboundTracker tracker;

    UserFanout(MessagingContext context, DeviceDirectory devices, SessionEstablisher sessions,
               PairwiseEncryptor encryptor, SendQueue queue, OutboundTracker tracker) {
        this.context = context;
        this.devices = devices;
        this.sessions = sessions;
        this.encryptor = encryptor;
        this.queue = queue;
        this.tracker = tracker;
    }

    CompletableFuture<Void> send(String id, Jid to, Message message) {
        Credentials creds = context.credentials().get();
        Jid me = creds.me();
        Jid meLid = creds.meLid();
        boolean lidChat = Addressing.isLid(to);
        Jid own = lidChat && meLid != null ? meLid : me;
        return devices.devicesOf(List.of(own.toNormalizedUser(), to)).thenCompose(found -> {
            List<Jid> targets = new ArrayList<>(found.size());
            for (Jid d : found) {
                if (!Addressing.isExactlyMe(d, creds)) {
                    targets.add(d);
                }
            }
            if (targets.stream().noneMatch(d -> d.user().equals(to.user()))) {
                throw new MessageSendException(MessageSendException.NO_DEVICES, "the server knows no device of "
                        + "the recipient");
            }
            return sessions.ensure(targets, false).thenAccept(ready -> {
                byte[] plain = message.toByteArray();
                String mediaType = MessageTypes.mediaType(message);
                byte[] dsm = Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                        .setDestinationJid(to.toString()).setMessage(message)).build().toByteArray();
                List<Node> participants = new ArrayList<>(targets.size());
                List<Jid> encrypted = new ArrayList<>(targets.size());
                boolean pkmsg = false;
                for (Jid device : targets) {
                    if (!ready.contains(device)) {
                        continue;
                    }
                    EncryptedMessage enc = encryptor.encrypt(device, Addressing.isMyUser(device, creds) ? dsm : plain);
                    if (enc != null) {
                        participants.add(MessageNodes.to(device, enc, mediaType));
                        encrypted.add(device);
                        pkmsg |= enc.kind() == MessageKind.PKMSG;
                    }
                }
                if (encrypted.stream().noneMatch(d -> d.user().equals(to.user()))) {
                    throw new MessageSendException(MessageSendException.ENCRYPTION_FAILED,
                            "no device of the recipient could be encrypted for");
                }
                queue.write(MessageNodes.message(id, to, MessageTypes.stanzaType(message), mediaType,
                        MessageNodes.participantHash(encrypted), null, participants,
                        null, pkmsg ? creds.account() : null));
                tracker.remember(id, new OutboundTracker.Recent(to, plain, null));
            });
        });
    }
}
