package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BigEndian;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The stanzas of sending and receiving (fact sheet §10.4, §10.5, §10.7, §10.8), built in one place. */
final class MessageNodes {

    /** {@code <enc>} payload version. */
    static final String ENC_VERSION = "2";

    private MessageNodes() {
    }

    /** {@code <enc v="2" type=…>}, with {@code count} on retry resends. */
    static Node enc(EncryptedMessage message, int retryCount) {
        return enc(message.kind().wire(), message.serialized(), retryCount);
    }

    static Node enc(String type, byte[] ciphertext, int retryCount) {
        return enc(type, ciphertext, retryCount, null);
    }

    /** {@code mediatype} (Baileys' {@code extraAttrs}) follows {@code v} and {@code type} when not null. */
    static Node enc(String type, byte[] ciphertext, int retryCount, String mediaType) {
        Attributes.Builder b = Attributes.builder().put("v", ENC_VERSION).put("type", type);
        if (retryCount > 0) {
            b.put("count", Integer.toString(retryCount));
        }
        if (mediaType != null) {
            b.put("mediatype", mediaType);
        }
        return Node.of("enc", b.build(), ciphertext);
    }

    /** {@code <to jid><enc…/></to>} inside {@code <participants>}; {@code mediaType} null for non-media content. */
    static Node to(Jid device, EncryptedMessage message, String mediaType) {
        return Node.of("to", Attributes.of("jid", device.toString()),
                List.of(enc(message.kind().wire(), message.serialized(), 0, mediaType)));
    }

    /**
     * A fanned-out message: 1:1 (§10.4, {@code phash} set) or group (§10.5, {@code addressingMode} and the
     * {@code skmsg} set). {@code deviceIdentity} is added when not null (any pkmsg). {@code stanzaType} and
     * {@code mediaType} come from {@link MessageTypes}.
     */
    static Node message(String id, Jid to, String stanzaType, String mediaType, String phash, String addressingMode,
                        List<Node> participants, byte[] skmsg, byte[] deviceIdentity) {
        Attributes.Builder attrs = Attributes.builder().put("id", id).put("to", to.toString()).put("type", stanzaType);
        if (phash != null) {
            attrs.put("phash", phash);
        }
        if (addressingMode != null) {
            attrs.put("addressing_mode", addressingMode);
        }
        List<Node> content = new ArrayList<>(3);
        if (!participants.isEmpty()) {
            content.add(Node.of("participants", Attributes.empty(), participants));
        }
        if (skmsg != null) {
            content.add(enc("skmsg", skmsg, 0, mediaType));
        }
        if (deviceIdentity != null) {
            content.add(Node.of("device-identity", Attributes.empty(), deviceIdentity));
        }
        return Node.of("message", attrs.build(), content);
    }

    /**
     * The answer to a retry receipt (§10.7 step 4): one {@code enc} with {@code count}, the device identity always.
     * 1:1 to another user: {@code to=device device_fanout="false"}; to one of our own devices: {@code to=device
     * recipient=chat}; in a group: {@code to=group participant=device}.
     */
    static Node resend(String id, Jid chat, Jid device, boolean ownDevice, String stanzaType,
                       EncryptedMessage message, int count, byte[] deviceIdentity) {
        Attributes.Builder attrs = Attributes.builder().put("id", id);
        if (chat.server().equals(Jid.GROUP)) {
            attrs.put("to", chat.toString()).put("type", stanzaType).put("participant", device.toString());
        } else if (ownDevice) {
            attrs.put("to", device.toString()).put("type", stanzaType).put("recipient", chat.toString());
        } else {
            attrs.put("to", device.toString()).put("type", stanzaType).put("device_fanout", "false");
        }
        return Node.of("message", attrs.build(), List.of(enc(message, count),
                Node.of("device-identity", Attributes.empty(), deviceIdentity)));
    }

    /**
     * Baileys {@code generateParticipantHashV2}: {@code "2:"} + the first 6 characters of base64(SHA-256 of the
     * sorted device JIDs joined without separator).
     */
    static String participantHash(List<Jid> devices) {
        List<String> sorted = new ArrayList<>(devices.size());
        for (Jid d : devices) {
            sorted.add(d.toString());
        }
        sorted.sort(null);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
            return "2:" + Base64.getEncoder().encodeToString(hash).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /**
     * The receipt for a decrypted message (§10.7 step 3, Baileys {@code sendReceipt}): to the stanza's
     * {@code from} with its {@code participant}; {@code type} null = delivered. For {@code sender} receipts of 1:1
     * copies from our own devices: {@code to=<author device>}, {@code recipient=<chat>}.
     */
    static Node deliveryReceipt(Node message, String type) {
        Attributes.Builder b = Attributes.builder().put("id", message.attr("id"));
        String recipient = message.attr("recipient");
        if ("sender".equals(type) && recipient != null) {
            b.put("recipient", recipient).put("to", message.attr("from"));
        } else {
            b.put("to", message.attr("from"));
            if (message.attr("participant") != null) {
                b.put("participant", message.attr("participant"));
            }
        }
        if (type != null) {
            b.put("type", type);
        }
        return Node.of("receipt", b.build());
    }

    /**
     * The retry receipt (§10.7 step 4, Baileys {@code sendRetryRequest}); {@code keys} (null from retry 1) is the
     * {@code <keys>} node with a fresh one-time prekey.
     */
    static Node retryReceipt(Node message, int count, int registrationId, Node keys) {
        Attributes.Builder b = Attributes.builder().put("id", message.attr("id")).put("type", "retry")
                .put("to", message.attr("from"));
        if (message.attr("recipient") != null) {
            b.put("recipient", message.attr("recipient"));
        }
        if (message.attr("participant") != null) {
            b.put("participant", message.attr("participant"));
        }
        Attributes.Builder retry = Attributes.builder().put("count", Integer.toString(count))
                .put("id", message.attr("id"));
        if (message.attr("t") != null) {
            retry.put("t", message.attr("t"));
        }
        retry.put("v", "1").put("error", "0");
        List<Node> content = new ArrayList<>(3);
        content.add(Node.of("retry", retry.build()));
        content.add(Node.of("registration", Attributes.empty(), BigEndian.bytes(registrationId, 4)));
        if (keys != null) {
            content.add(keys);
        }
        return Node.of("receipt", b.build(), content);
    }

    /** {@code <keys>} of a retry receipt: type 5, identity, one prekey, the signed prekey, device identity. */
    static Node retryKeys(byte[] identityPublic, int preKeyId, byte[] preKeyPublic, int signedPreKeyId,
                          byte[] signedPreKeyPublic, byte[] signedPreKeySignature, byte[] deviceIdentity) {
        return Node.of("keys", Attributes.empty(), List.of(
                Node.of("type", Attributes.empty(), new byte[] {5}),
                Node.of("identity", Attributes.empty(), identityPublic),
                Node.of("key", Attributes.empty(), List.of(
                        Node.of("id", Attributes.empty(), BigEndian.bytes(preKeyId, 3)),
                        Node.of("value", Attributes.empty(), preKeyPublic))),
                Node.of("skey", Attributes.empty(), List.of(
                        Node.of("id", Attributes.empty(), BigEndian.bytes(signedPreKeyId, 3)),
                        Node.of("value", Attributes.empty(), signedPreKeyPublic),
                        Node.of("signature", Attributes.empty(), signedPreKeySignature))),
                Node.of("device-identity", Attributes.empty(), deviceIdentity)));
    }

    /** A message-class ack with an error code (a nack, §10.7): Baileys {@code buildAckStanza(node, code)}. */
    static Node nack(Node message, Jid me, int code) {
        Attributes.Builder b = Attributes.builder().put("id", String.valueOf(message.attr("id")))
                .put("to", String.valueOf(message.attr("from"))).put("class", message.tag())
                .put("error", Integer.toString(code));
        for (String key : new String[] {"participant", "recipient", "type"}) {
            if (message.attr(key) != null) {
                b.put(key, message.attr(key));
            }
        }
        if (me != null) {
            b.put("from", me.toString());
        }
        return Node.of("ack", b.build());
    }
}
