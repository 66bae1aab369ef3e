package com.wagateway.whatsapp.client.messaging;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.auth.PreKey;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Handles an incoming {@code <message>} (fact sheet §10.7, Baileys {@code handleMessage}): works out chat, author and
 * whether it is our own copy, learns the LID mapping from the alt attributes, decrypts every {@code enc}
 * ({@code pkmsg}/{@code msg} with the author's session, keyed by LID where known; {@code skmsg} with the sender key
 * of (group, author)), unpads, unwraps {@code deviceSentMessage}, stores any sender key distribution, then reports the
 * message and sends the receipt and the ack once the application kept it ({@link InboundHandover}). Anything that fails becomes a retry receipt (at most 5 per message)
 * and a report, never an exception out of here. Runs on the serial executor.
 */
final class MessageReceiver {

    private static final System.Logger LOG = System.getLogger(MessageReceiver.class.getName());
    /** Baileys {@code maxMsgRetryCount}. */
    static final int MAX_RETRY_RECEIPTS = 5;
    /** NACK codes (Baileys {@code NACK_REASONS}). */
    static final int NACK_PARSE_ERROR = 487;
    static final int NACK_MISSING_MESSAGE_SECRET = 495;
    static final int NACK_UNHANDLED = 500;

    private final MessagingContext context;
    private final Addressing addressing;
    private final LidSignalStore store;
    private final DeviceDirectory devices;
    private final ExpiringLru<String, Integer> retries = new ExpiringLru<>(256, 3_600_000);
    private final InboundHandover handover;
    private final SenderKeyMemory senderKeyMemory;

    MessageReceiver(MessagingContext context, Addressing addressing, LidSignalStore store, DeviceDirectory devices,
                    SenderKeyMemory senderKeyMemory) {
        this.senderKeyMemory = senderKeyMemory;
        this.context = context;
        this.addressing = addressing;
        this.store = store;
        this.devices = devices;
        this.handover = new InboundHandover(context);
    }

    /** Who sent it and where it belongs (Baileys {@code decodeMessageNode}). */
    record Envelope(String id, Jid from, Jid author, Jid chat, boolean fromMe, boolean group) {}

    void onMessage(Node node) {
        Credentials creds = context.credentials().get();
        Envelope env;
        try {
            env = envelope(node, creds);
        } catch (IllegalArgumentException e) {
            malformed(node, creds, e.getMessage());
            return;
        }
        if (env == null) {
            context.stanzas().ack(node); // a kind of chat this client does not handle (newsletters, broadcasts)
            return;
        }
        learnMappings(node, env);
        List<Node> encs = new ArrayList<>(2);
        for (Node child : node.children()) {
            if (child.tag().equals("enc")) {
                if ("msmsg".equals(child.attr("type"))) {
                    context.stanzas().send(MessageNodes.nack(node, creds.me(), NACK_MISSING_MESSAGE_SECRET));
                    return;
                }
                encs.add(child);
            }
        }
        if (encs.isEmpty()) {
            undecryptable(node, env, creds, "no enc payload", true);
            return;
        }
        IncomingMessage unacked = handover.unacked(env.author().toString(), env.id());
        if (unacked != null) {
            // delivered again because the application did not keep it: the ratchet is past its key, so the kept
            // plaintext is reported instead of decrypting (which would fail as a duplicate)
            LOG.log(System.Logger.Level.INFO, "event=message_redelivered sessionId={0} id={1} action=report_kept",
                    context.sessionId(), env.id());
            handover.handOver(node, receiptType(node, env), env.author().toString(), unacked);
            return;
        }
        Message content = null;
        for (Node enc : encs) {
            Message part;
            try {
                part = decrypt(env, enc);
            } catch (SignalException e) {
                undecryptable(node, env, creds, e.reason() + ": " + e.getMessage(), false);
                return;
            } catch (InvalidProtocolBufferException e) {
                undecryptable(node, env, creds, "message does not parse: " + e.getMessage(), false);
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event=decrypt_error sessionId=" + context.sessionId()
                        + " id=" + env.id(), e);
                undecryptable(node, env, creds, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
                return;
            }
            if (hasContent(part) && content == null) {
                content = part;
            }
        }
        // peer messages are housekeeping between the account's own devices (e.g. the phone's app-state key
        // share after pairing, §8.6), never a message of a chat: answered at once, not reported
        if (content == null || "peer".equals(node.attr("category"))) {
            handover.answer(node, receiptType(node, env));
            return;
        }
        // the Signal state is stored by now; the receipt and ack wait until the application kept the message
        handover.handOver(node, receiptType(node, env), env.author().toString(), incoming(node, env, creds, content));
    }

    /** The connection ended: messages the application keeps from now on stay unacked (the server redelivers). */
    void connectionEnded() {
        handover.connectionEnded();
    }

    // ---- decoding ----------------------------------------------------------------------------------------------

    static Envelope envelope(Node node, Credentials creds) {
        String id = node.attr("id");
        Jid from = Jid.tryParse(node.attr("from"));
        if (id == null || id.isEmpty() || from == null) {
            throw new IllegalArgumentException("message without id or from");
        }
        Jid participant = Jid.tryParse(node.attr("participant"));
        Jid recipient = Jid.tryParse(node.attr("recipient"));
        if (from.server().equals(Jid.GROUP)) {
            if (participant == null) {
                throw new IllegalArgumentException("group message without participant");
            }
            return new Envelope(id, from, participant, from, isMe(participant, creds), true);
        }
        if (Addressing.isPn(from) || Addressing.isLid(from)) {
            boolean fromMe = isMe(from, creds);
            if (recipient != null) {
                if (!fromMe) {
                    throw new IllegalArgumentException("recipient present, but message not from me");
                }
                return new Envelope(id, from, from, recipient.toNormalizedUser(), true, false);
            }
            return new Envelope(id, from, from, from.toNormalizedUser(), fromMe, false);
        }
        return null;
    }

    private static boolean isMe(Jid jid, Credentials creds) {
        return jid.user().equals(creds.me().user())
                || (creds.meLid() != null && jid.user().equals(creds.meLid().user()));
    }

    /** §10.0: the alt attributes name the other namespace of the author (and of the recipient). */
    private void learnMappings(Node node, Envelope env) {
        String mode = node.attr("addressing_mode");
        if (mode == null) {
            mode = Addressing.isLid(env.author()) ? "lid" : "pn";
        }
        String suffix = mode.equals("lid") ? "_pn" : "_lid";
        String senderAlt = first(node, "participant" + suffix, "sender" + suffix, "peer_recipient" + suffix);
        Jid alt = Jid.tryParse(senderAlt);
        if (alt != null) {
            devices.learned(env.author(), alt.withDevice(env.author().device()), null);
        }
        Jid recipient = Jid.tryParse(node.attr("recipient"));
        Jid recipientAlt = Jid.tryParse(node.attr("recipient" + suffix));
        if (recipient != null && recipientAlt != null) {
            devices.learned(recipient, recipientAlt, null);
        }
    }

    private static String first(Node node, String... keys) {
        for (String key : keys) {
            if (node.attr(key) != null) {
                return node.attr(key);
            }
        }
        return null;
    }

    private Message decrypt(Envelope env, Node enc) throws SignalException, InvalidProtocolBufferException {
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

    // ---- answering ---------------------------------------------------------------------------------------------

    /** §10.7 step 3: {@code peer_msg} for peer messages, {@code sender} for our own copies, else delivered. */
    private String receiptType(Node node, Envelope env) {
        if ("peer".equals(node.attr("category"))) {
            return "peer_msg";
        }
        if (env.fromMe()) {
            return "sender";
        }
        return context.online() ? null : "inactive";
    }

    private IncomingMessage incoming(Node node, Envelope env, Credentials creds, Message message) {
        String type;
        String text = null;
        if (message.hasConversation()) {
            type = "text";
            text = message.getConversation();
        } else if (message.hasExtendedTextMessage()) {
            type = "text";
            text = message.getExtendedTextMessage().getText();
        } else {
            type = contentCase(message);
            if (message.hasImageMessage() && message.getImageMessage().hasCaption()) {
                text = message.getImageMessage().getCaption();
            } else if (message.hasVideoMessage() && message.getVideoMessage().hasCaption()) {
                text = message.getVideoMessage().getCaption();
            } else if (message.hasDocumentMessage() && message.getDocumentMessage().hasCaption()) {
                text = message.getDocumentMessage().getCaption();
            }
        }
        Jid senderUser = env.author().toNormalizedUser();
        Jid chat = env.group() ? env.chat() : addressing.preferPn(env.chat());
        Jid to = env.group() ? env.chat() : env.fromMe() ? chat : creds.me().toNormalizedUser();
        return new IncomingMessage(env.id(), chat, addressing.preferPn(senderUser),
                addressing.lidOf(senderUser), to, type, text, timestamp(node), node.attr("notify"), env.fromMe());
    }

    private static String contentCase(Message message) {
        for (Map.Entry<Descriptors.FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            int n = e.getKey().getNumber();
            if (n != Message.SENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER
                    && n != Message.MESSAGECONTEXTINFO_FIELD_NUMBER) {
                return e.getKey().getJsonName();
            }
        }
        return "unknown";
    }

    private Instant timestamp(Node node) {
        try {
            String t = node.attr("t");
            if (t != null) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
        } catch (NumberFormatException e) {
            // fall through: the arrival time
        }
        return context.clock().instant();
    }

    /**
     * §10.7 step 4: a retry receipt while retries remain (keys from retry 2 on, or at once when the stanza had no
     * enc), the nack the reference sends after it, and a report.
     */
    private void undecryptable(Node node, Envelope env, Credentials creds, String reason, boolean noEnc) {
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

    private void malformed(Node node, Credentials creds, String reason) {
        LOG.log(System.Logger.Level.WARNING, "event=message_malformed sessionId={0} reason=\"{1}\"",
                context.sessionId(), reason);
        if (node.attr("id") != null && node.attr("from") != null) {
            context.stanzas().send(MessageNodes.nack(node, creds.me(), NACK_PARSE_ERROR));
            context.listener().messageUndecryptable(node.attr("id"), Jid.tryParse(node.attr("from")),
                    "malformed stanza: " + reason);
        }
    }
}
