package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The prekey bundle fetch (fact sheet §10.2) and the bundle inside a retry receipt's {@code <keys>} (§10.7). */
final class Bundles {

    private static final System.Logger LOG = System.getLogger(Bundles.class.getName());

    private Bundles() {
    }

    static Node query(List<Jid> devices) {
        List<Node> users = new ArrayList<>(devices.size());
        for (Jid device : devices) {
            users.add(Node.of("user", Attributes.of("jid", device.toString())));
        }
        return Node.of("iq", Attributes.of("xmlns", "encrypt", "type", "get", "to", Jid.SERVER.toString()),
                List.of(Node.of("key", Attributes.empty(), users)));
    }

    /** The bundles of an answer by device JID; a user with an error or missing keys is left out (logged). */
    static Map<Jid, PreKeyBundle> parse(Node answer) {
        Map<Jid, PreKeyBundle> result = new LinkedHashMap<>();
        Node list = answer.child("list");
        if (list == null) {
            return result;
        }
        for (Node user : list.children()) {
            Jid jid = Jid.tryParse(user.attr("jid"));
            if (jid == null || user.child("error") != null) {
                LOG.log(System.Logger.Level.DEBUG, "event=bundle_missing jid={0}", user.attr("jid"));
                continue;
            }
            try {
                result.put(jid, bundle(user, jid.device()));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.DEBUG, "event=bundle_invalid jid={0} error={1}", jid, e.getMessage());
            }
        }
        return result;
    }

    /**
     * A bundle from a node holding {@code registration}, {@code identity}, {@code skey} and optionally {@code key}
     * (a fetched user or a retry receipt's {@code keys}, whose registration is the receipt's sibling).
     */
    static PreKeyBundle bundle(Node holder, int deviceId) {
        return bundle(holder, holder.child("registration"), deviceId);
    }

    static PreKeyBundle bundle(Node holder, Node registration, int deviceId) {
        Node skey = require(holder.child("skey"), "skey");
        Node key = holder.child("key");
        int preKeyId = PreKeyBundle.NO_PRE_KEY;
        byte[] preKey = null;
        if (key != null) {
            preKeyId = (int) unsigned(bytes(key.child("id"), "key id", 3));
            preKey = bytes(key.child("value"), "key value", 32);
        }
        return new PreKeyBundle((int) unsigned(bytes(registration, "registration", 4)), deviceId,
                bytes(holder.child("identity"), "identity", 32),
                (int) unsigned(bytes(skey.child("id"), "skey id", 3)), bytes(skey.child("value"), "skey value", 32),
                bytes(skey.child("signature"), "skey signature", 64), preKeyId, preKey);
    }

    private static Node require(Node node, String what) {
        if (node == null) {
            throw new IllegalArgumentException(what + " missing");
        }
        return node;
    }

    private static byte[] bytes(Node node, String what, int length) {
        if (node == null || !(node.content() instanceof NodeContent.Bytes b)) {
            throw new IllegalArgumentException(what + " missing");
        }
        byte[] data = b.data();
        if (data.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, was " + data.length);
        }
        return data;
    }

    private static long unsigned(byte[] bigEndian) {
        long v = 0;
        for (byte b : bigEndian) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }
}
