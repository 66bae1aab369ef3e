package com.wagateway.whatsapp.client.messaging;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import java.util.Arrays;

/**
 * Decrypts one {@code <enc>} of an incoming message (fact sheet §10.7): {@code pkmsg}/{@code msg} with the author's
 * session (keyed by LID where known), {@code skmsg} with the sender key of (group, author); unpads, unwraps
 * {@code deviceSentMessage} and stores any sender key distribution it carries. The Signal state is stored when this
 * returns. Runs on the serial executor.
 */
final class InboundDecryptor {

    private static final System.Logger LOG = System.getLogger(InboundDecryptor.class.getName());

    private final MessagingContext context;
    private final LidSignalStore store;
    private final SenderKeyMemory senderKeyMemory;

    InboundDecryptor(MessagingContext context, LidSignalStore store, SenderKeyMemory senderKeyMemory) {
        this.context = context;
        this.store = store;
        this.senderKeyMemory = senderKeyMemory;
    }

    Message decrypt(MessageReceiver.Envelope env, Node enc) throws SignalException, InvalidProtocolBufferException {
        if (!(enc.content() instanceof NodeContent.Bytes bytes)) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "enc without bytes");
        }
        String type = enc.attr("type");
        byte[] padded;
        if ("skmsg".equals(type)) {
            if (!env.group()) {
                throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "skmsg outside a group");
            }
            padded = GroupCipher.decrypt(store, new SenderKeyName(env.chat().toString(),
                    SignalAddress.of(env.author())), bytes.data(), context.maxSkippedKeys());
        } else if ("pkmsg".equals(type) || "msg".equals(type)) {
            // the store keys a mapped PN address by its LID (§10.0: decryption uses the sender's LID)
            SignalAddress address = SignalAddress.of(env.author());
            MessageKind kind = MessageKind.fromWire(type);
            byte[] identityBefore = kind == MessageKind.PKMSG ? store.loadIdentity(address).orElse(null) : null;
            padded = new SessionCipher(store, address, context.random(), context.maxSkippedKeys())
                    .decrypt(kind, bytes.data());
            if (identityBefore != null && !Arrays.equals(identityBefore, store.loadIdentity(address).orElse(null))) {
                // a reinstalled device: it lost our sender keys with the old installation
                senderKeyMemory.identityChanged(env.author(), false);
            }
        } else {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "unknown enc type " + type);
        }
        Message message = Message.parseFrom(MessagePadding.unpad(padded));
        if (message.hasDeviceSentMessage() && message.getDeviceSentMessage().hasMessage()) {
            Message inner = message.getDeviceSentMessage().getMessage();
            message = message.hasSenderKeyDistributionMessage() && !inner.hasSenderKeyDistributionMessage()
                    ? inner.toBuilder().setSenderKeyDistributionMessage(message.getSenderKeyDistributionMessage())
                            .build()
                    : inner;
        }
        if (message.hasSenderKeyDistributionMessage()) {
            Message.SenderKeyDistributionMessage skdm = message.getSenderKeyDistributionMessage();
            if (skdm.hasGroupId() && skdm.hasAxolotlSenderKeyDistributionMessage()) {
                try {
                    GroupCipher.processDistributionMessage(store, new SenderKeyName(skdm.getGroupId(),
                            SignalAddress.of(env.author())), skdm.getAxolotlSenderKeyDistributionMessage()
                            .toByteArray());
                } catch (SignalException | RuntimeException e) {
                    // Baileys logs and goes on: the message itself decrypted
                    LOG.log(System.Logger.Level.WARNING, "event=skdm_failed sessionId={0} id={1} error={2}",
                            context.sessionId(), env.id(), e.getMessage());
                }
            }
        }
        return message;
    }

    /** True when the message carries more than key distribution and context info. */
    static boolean hasContent(Message message) {
        for (Descriptors.FieldDescriptor field : message.getAllFields().keySet()) {
            int n = field.getNumber();
            if (n != Message.SENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER
                    && n != Message.MESSAGECONTEXTINFO_FIELD_NUMBER) {
                return true;
            }
        }
        return !message.getUnknownFields().asMap().isEmpty();
    }
}
