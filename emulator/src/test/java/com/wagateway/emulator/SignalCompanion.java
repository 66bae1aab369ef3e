package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaMessages;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;

/**
 * A companion holding its own Signal state (the in-house {@code signal} package, as the worker's client does), logged
 * in to a fixture's emulator: decrypts what phones send it, receipts and acks, replies to phones.
 */
final class SignalCompanion {
    final Pairings.Paired paired;
    final TestCompanion.Conn conn;
    final InMemorySignalStore store;
    /** The app-state key share the phone sent before the offline marker of this login, if any (§8.6). */
    Node keyShareStanza;
    Message.AppStateSyncKeyShare keyShare;

    private SignalCompanion(Pairings.Paired paired, TestCompanion.Conn conn, InMemorySignalStore store) {
        this.paired = paired;
        this.conn = conn;
        this.store = store;
    }

    static SignalCompanion login(EmulatorFixture server, Pairings.Paired paired) throws Exception {
        InMemorySignalStore store = CompanionSignal.store(paired.companion());
        TestCompanion.Conn conn = server.login(paired);
        Node preKeys = CompanionSignal.preKeys(store, 10);
        SignalCompanion companion = new SignalCompanion(paired, conn, store);
        for (Node queued : Pairings.offline(conn)) {
            if ("peer".equals(queued.attr("category"))) {
                Message m = companion.decryptMessage(queued);
                companion.keyShareStanza = queued;
                companion.keyShare = m.getProtocolMessage().getAppStateSyncKeyShare();
                assertThat(m.getProtocolMessage().getType())
                        .isEqualTo(Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE);
            }
        }
        assertThat(conn.iq("encrypt", "set", preKeys).attr("type"))
                .isEqualTo("result");
        return companion;
    }

    /** The same companion state on a new connection. */
    static SignalCompanion resume(SignalCompanion previous, TestCompanion.Conn conn) {
        SignalCompanion companion = new SignalCompanion(previous.paired, conn, previous.store);
        companion.keyShare = previous.keyShare;
        return companion;
    }

    /** Waits for a message (by id, or the next one), decrypts it, sends the receipt and ack. */
    String receiveText(String id) throws Exception {
        Node stanza = conn.await(n -> n.tag().equals("message") && (id == null || id.equals(n.attr("id"))));
        String text = decrypt(stanza);
        Attributes.Builder receipt = Attributes.builder().put("id", stanza.attr("id")).put("to", stanza.attr("from"));
        if (stanza.attr("participant") != null) {
            receipt.put("participant", stanza.attr("participant"));
        }
        conn.send(Node.of("receipt", receipt.build()));
        ack(stanza);
        return text;
    }

    void ack(Node stanza) {
        CompanionSignal.ack(conn, stanza);
    }

    String decrypt(Node stanza) throws Exception {
        Message m = decryptMessage(stanza);
        if (m.hasDeviceSentMessage()) {
            m = m.getDeviceSentMessage().getMessage();
        }
        return m.hasConversation() ? m.getConversation() : null;
    }

    /** Decrypts every enc of a stanza (storing SKDMs); returns the last message that is not only an SKDM. */
    Message decryptMessage(Node stanza) throws Exception {
        boolean group = stanza.attr("from").endsWith("@g.us");
        Jid sender = Jid.parse(group ? stanza.attr("participant") : stanza.attr("from"));
        SignalAddress address = SignalAddress.of(sender);
        Message content = Message.getDefaultInstance();
        for (Node enc : stanza.children()) {
            if (!enc.tag().equals("enc")) {
                continue;
            }
            MessageKind kind = MessageKind.fromWire(enc.attr("type"));
            byte[] padded = kind == MessageKind.SKMSG
                    ? GroupCipher.decrypt(store, new SenderKeyName(stanza.attr("from"), address),
                            TestCompanion.data(enc), SessionCipher.DEFAULT_MAX_SKIPPED_KEYS)
                    : new SessionCipher(store, address, TestCompanion.RANDOM, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS)
                            .decrypt(kind, TestCompanion.data(enc));
            Message m = Message.parseFrom(MessagePadding.unpad(padded));
            if (m.hasSenderKeyDistributionMessage()) {
                GroupCipher.processDistributionMessage(store,
                        new SenderKeyName(m.getSenderKeyDistributionMessage().getGroupId(), address),
                        m.getSenderKeyDistributionMessage().getAxolotlSenderKeyDistributionMessage().toByteArray());
            }
            if (m.hasConversation() || m.hasDeviceSentMessage() || m.hasProtocolMessage()
                    || MediaMessages.read(m) != null) {
                content = m;
            }
        }
        return content;
    }

    /** Waits for a message (by id), decrypts it, sends the receipt and ack; returns the content message. */
    Message receive(String id) throws Exception {
        Node stanza = conn.await(n -> n.tag().equals("message") && id.equals(n.attr("id")));
        Message m = decryptMessage(stanza);
        Attributes.Builder receipt = Attributes.builder().put("id", stanza.attr("id")).put("to", stanza.attr("from"));
        if (stanza.attr("participant") != null) {
            receipt.put("participant", stanza.attr("participant"));
        }
        conn.send(Node.of("receipt", receipt.build()));
        ack(stanza);
        return m.hasDeviceSentMessage() ? m.getDeviceSentMessage().getMessage() : m;
    }

    String sendMessage(String phone, Message message) throws Exception {
        return CompanionSignal.sendMessage(conn, store, phone, message);
    }

    String sendText(String phone, String text) throws Exception {
        return CompanionSignal.sendText(conn, store, phone, text);
    }
}
