package com.wagateway.whatsapp.client.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.SignalException;
import java.util.ArrayList;
import java.util.List;

/**
 * Handles an incoming {@code <message>} (fact sheet §10.7, Baileys {@code handleMessage}): works out chat, author and
 * whether it is our own copy, learns the LID mapping from the alt attributes, decrypts every {@code enc}
 * ({@link InboundDecryptor}), then reports the message ({@link IncomingMessages}) and sends the receipt and the ack
 * once the application kept it ({@link InboundHandover}). Anything that fails becomes a retry receipt (at most 5 per message)
 * and a report, never an exception out of here. Runs on the serial executor.
 */
final class MessageReceiver {

    private static final System.Logger LOG = System.getLogger(MessageReceiver.class.getName());

    private final MessagingContext context;
    private final DeviceDirectory devices;
    private final InboundDecryptor decryptor;
    private final IncomingMessages reports;
    private final UndecryptableAnswers failures;
    private final InboundHandover handover;

    MessageReceiver(MessagingContext context, Addressing addressing, LidSignalStore store, DeviceDirectory devices,
                    SenderKeyMemory senderKeyMemory) {
        this.context = context;
        this.devices = devices;
        this.decryptor = new InboundDecryptor(context, store, senderKeyMemory);
        this.reports = new IncomingMessages(context, addressing);
        this.failures = new UndecryptableAnswers(context, addressing);
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
            failures.malformed(node, creds, e.getMessage());
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
                    context.stanzas().send(MessageNodes.nack(node, creds.me(), UndecryptableAnswers.NACK_MISSING_MESSAGE_SECRET));
                    return;
                }
                encs.add(child);
            }
        }
        if (encs.isEmpty()) {
            failures.undecryptable(node, env, creds, "no enc payload", true);
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
                part = decryptor.decrypt(env, enc);
            } catch (SignalException e) {
                failures.undecryptable(node, env, creds, e.reason() + ": " + e.getMessage(), false);
                return;
            } catch (InvalidProtocolBufferException e) {
                failures.undecryptable(node, env, creds, "message does not parse: " + e.getMessage(), false);
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event=decrypt_error sessionId=" + context.sessionId()
                        + " id=" + env.id(), e);
                failures.undecryptable(node, env, creds, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
                return;
            }
            if (InboundDecryptor.hasContent(part) && content == null) {
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
        handover.handOver(node, receiptType(node, env), env.author().toString(),
                reports.incoming(node, env, creds, content));
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
            return new Envelope(id, from, participant, from, Addressing.isMyUser(participant, creds), true);
        }
        if (Addressing.isPn(from) || Addressing.isLid(from)) {
            boolean fromMe = Addressing.isMyUser(from, creds);
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

}
