package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Signal side of a {@link TestCompanion} that keeps its own state in the in-house {@code signal} package, as
 * the worker's client does: its store, its one-time pre-keys, a 1:1 text on an existing session, acks.
 */
final class CompanionSignal {

    private CompanionSignal() {
    }

    /** A store with the companion's registered identity, registration id and signed pre-key (id 1). */
    static InMemorySignalStore store(TestCompanion tc) {
        InMemorySignalStore store = new InMemorySignalStore(tc.identity, tc.registrationId);
        store.addSignedPreKey(new SignedPreKey(1, tc.signedPreKey,
                XEdDsa.sign(tc.identity.privateKey(), tc.signedPreKey.typedPublicKey())));
        return store;
    }

    /** New one-time pre-keys 1..count, kept in the store; returns the {@code <list>} an encrypt set iq uploads. */
    static Node preKeys(InMemorySignalStore store, int count) {
        List<Node> keys = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            var pair = Curve25519.generateKeyPair(TestCompanion.RANDOM);
            store.addPreKey(i, pair);
            keys.add(Node.of("key", Attributes.empty(), List.of(
                    Node.of("id", Attributes.empty(), new byte[] {0, 0, (byte) i}),
                    Node.of("value", Attributes.empty(), pair.publicKey()))));
        }
        return Node.of("list", Attributes.empty(), keys);
    }

    /**
     * Sends text to a phone's device 0 on the session that phone set up (a reply: no bundle needed); returns once
     * the server acked it. The phone's receipt may come before that ack: it stays for the caller's await.
     */
    static String sendText(TestCompanion.Conn conn, InMemorySignalStore store, String phone, String text)
            throws Exception {
        return sendMessage(conn, store, phone, Message.newBuilder().setConversation(text).build());
    }

    /** Like {@link #sendText} for any content message (stanza type {@code media} when it is media). */
    static String sendMessage(TestCompanion.Conn conn, InMemorySignalStore store, String phone, Message message)
            throws Exception {
        String id = "3EB0" + HexFormat.of().withUpperCase().formatHex(TestCompanion.RANDOM.bytes(9));
        String jid = phone + "@s.whatsapp.net";
        EncryptedMessage encrypted = new SessionCipher(store, SignalAddress.of(Jid.parse(jid)), TestCompanion.RANDOM,
                SessionCipher.DEFAULT_MAX_SKIPPED_KEYS).encrypt(MessagePadding.pad(message.toByteArray(),
                TestCompanion.RANDOM));
        String type = message.hasConversation() ? "text" : "media";
        conn.send(Node.of("message", Attributes.of("id", id, "type", type, "to", jid), List.of(
                Node.of("participants", Attributes.empty(), List.of(Node.of("to", Attributes.of("jid", jid), List.of(
                        Node.of("enc", Attributes.of("v", "2", "type", encrypted.kind().wire()),
                                encrypted.serialized()))))))));
        Node ack = conn.awaitKeeping(n -> n.tag().equals("ack") && id.equals(n.attr("id")));
        assertThat(ack.attr("error")).isNull();
        return id;
    }

    /** The message-class ack for a received message. */
    static void ack(TestCompanion.Conn conn, Node stanza) {
        conn.send(Node.of("ack", Attributes.of("id", stanza.attr("id"), "class", "message", "to",
                stanza.attr("from"))));
    }
}
