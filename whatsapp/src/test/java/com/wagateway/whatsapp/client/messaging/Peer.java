package com.wagateway.whatsapp.client.messaging;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BigEndian;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SessionBuilder;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.util.List;

/** Another device speaking Signal with its own in-memory store: answers bundle queries, decrypts, encrypts. */
final class Peer {

    final Jid pn;
    final Jid lid;
    final RandomSource random;
    final InMemorySignalStore store;
    final SignedPreKey signedPreKey;
    private int nextPreKey = 1;

    Peer(Jid pn, Jid lid) {
        this.pn = pn;
        this.lid = lid;
        this.random = new FixedRandom("peer " + pn);
        Curve25519KeyPair identity = Curve25519.generateKeyPair(random);
        this.store = new InMemorySignalStore(identity, (pn.hashCode() & 0x3fff) + 1);
        Curve25519KeyPair spk = Curve25519.generateKeyPair(random);
        this.signedPreKey = new SignedPreKey(1, spk, XEdDsa.sign(identity.privateKey(), spk.typedPublicKey()));
        store.addSignedPreKey(signedPreKey);
    }

    /** A {@code <user>} of a bundle answer, echoing {@code asked}, with a fresh one-time prekey. */
    Node bundleUser(Jid asked) {
        int id = nextPreKey++;
        Curve25519KeyPair key = Curve25519.generateKeyPair(random);
        store.addPreKey(id, key);
        return Node.of("user", Attributes.of("jid", asked.toString()), List.of(
                Node.of("registration", Attributes.empty(), BigEndian.bytes(store.localRegistrationId(), 4)),
                Node.of("type", Attributes.empty(), new byte[] {5}),
                Node.of("identity", Attributes.empty(), store.identityKeyPair().publicKey()),
                Node.of("skey", Attributes.empty(), List.of(
                        Node.of("id", Attributes.empty(), BigEndian.bytes(1, 3)),
                        Node.of("value", Attributes.empty(), signedPreKey.keyPair().publicKey()),
                        Node.of("signature", Attributes.empty(), signedPreKey.signature()))),
                Node.of("key", Attributes.empty(), List.of(
                        Node.of("id", Attributes.empty(), BigEndian.bytes(id, 3)),
                        Node.of("value", Attributes.empty(), key.publicKey())))));
    }

    /** Decrypts an {@code enc} from {@code sender} (the address this peer keys the sender by). */
    Message decrypt(Jid sender, Node enc) throws Exception {
        byte[] data = ((NodeContent.Bytes) enc.content()).data();
        byte[] padded = new SessionCipher(store, SignalAddress.of(sender), random, 2000)
                .decrypt(MessageKind.fromWire(enc.attr("type")), data);
        return Message.parseFrom(MessagePadding.unpad(padded));
    }

    Message decryptGroup(Jid group, Jid sender, byte[] skmsg) throws Exception {
        return Message.parseFrom(MessagePadding.unpad(GroupCipher.decrypt(store,
                new SenderKeyName(group.toString(), SignalAddress.of(sender)), skmsg, 2000)));
    }

    void startSession(Jid remote, PreKeyBundle bundle) throws Exception {
        SessionBuilder.processBundle(store, SignalAddress.of(remote), bundle, random);
    }

    EncryptedMessage encrypt(Jid remote, Message message) throws Exception {
        return new SessionCipher(store, SignalAddress.of(remote), random, 2000)
                .encrypt(MessagePadding.pad(message.toByteArray(), random));
    }

    /** Our sender key for {@code group} as an SKDM message and a text encrypted with it. */
    byte[] groupDistribution(Jid group, Jid asSender) {
        return GroupCipher.distributionMessage(store, new SenderKeyName(group.toString(), SignalAddress.of(asSender)),
                random);
    }

    byte[] groupEncrypt(Jid group, Jid asSender, Message message) throws Exception {
        return GroupCipher.encrypt(store, new SenderKeyName(group.toString(), SignalAddress.of(asSender)),
                MessagePadding.pad(message.toByteArray(), random));
    }

    static Message skdm(Jid group, byte[] distribution) {
        return Message.newBuilder().setSenderKeyDistributionMessage(Message.SenderKeyDistributionMessage.newBuilder()
                .setGroupId(group.toString()).setAxolotlSenderKeyDistributionMessage(ByteString.copyFrom(distribution)))
                .build();
    }
}
