package com.wagateway.emulator.protocol;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The nodes the server sends, each as the fact sheet describes what the real service sends. */
public final class Stanzas {

    /** The server's own address in {@code from}/{@code to} attributes, as Baileys writes it (§6). */
    public static final String SERVER = "@s.whatsapp.net";

    private Stanzas() {
    }

    /** {@code <iq type="result" id=… from="@s.whatsapp.net">children</iq>}. */
    public static Node iqResult(String id, Node... children) {
        Attributes attrs = Attributes.builder().put("from", SERVER).put("type", "result").put("id", id).build();
        return children.length == 0 ? Node.of("iq", attrs) : Node.of("iq", attrs, List.of(children));
    }

    /** {@code <iq type="error" id=…><error code=… text=…/></iq>}: Baileys' query() throws on it (§8.1). */
    public static Node iqError(String id, int code, String text) {
        Attributes attrs = Attributes.builder().put("from", SERVER).put("type", "error").put("id", id).build();
        return Node.of("iq", attrs, List.of(Node.of("error", Attributes.of("code", Integer.toString(code), "text", text))));
    }

    /** A server-initiated {@code <iq type="set" xmlns="md">} (pair-device, pair-success). */
    public static Node iqSet(String id, String xmlns, Node child) {
        Attributes attrs = Attributes.builder().put("from", SERVER).put("type", "set").put("id", id)
                .put("xmlns", xmlns).build();
        return Node.of("iq", attrs, List.of(child));
    }

    /** §6 step 2: {@code <pair-device><ref>…</ref>…</pair-device>}. */
    public static Node pairDevice(String id, List<String> refs) {
        List<Node> children = refs.stream().map(ref -> bytes("ref", ref)).toList();
        return iqSet(id, "md", Node.of("pair-device", Attributes.empty(), children));
    }

    /** §6 step 5. */
    public static Node pairSuccess(String id, byte[] signedIdentityHmac, String deviceJid, String deviceLid) {
        Node success = Node.of("pair-success", Attributes.empty(), List.of(
                Node.of("device-identity", Attributes.empty(), signedIdentityHmac),
                Node.of("platform", Attributes.of("name", "android")),
                Node.of("device", Attributes.of("jid", deviceJid, "lid", deviceLid))));
        return iqSet(id, "md", success);
    }

    /** §8.1: the first frame of an accepted login. */
    public static Node success(long unixSeconds, String deviceLid) {
        return Node.of("success", Attributes.builder()
                .put("t", Long.toString(unixSeconds))
                .put("props", "1")
                .put("location", "emulator")
                .put("lid", deviceLid)
                .build());
    }

    /** §8.1 step 6: end of the offline queue. */
    public static Node offline(int count) {
        return Node.of("ib", Attributes.empty(), List.of(Node.of("offline", Attributes.of("count", Integer.toString(count)))));
    }

    /** §8.5: {@code <failure reason=…/>} ends a login. */
    public static Node failure(int reason) {
        return Node.of("failure", Attributes.of("reason", Integer.toString(reason)));
    }

    /** §8.5: {@code <stream:error code="515"/>}, restart required after pairing. */
    public static Node restartRequired() {
        return Node.of("stream:error", Attributes.of("code", "515"));
    }

    /** §8.5: the phone unlinked this device. */
    public static Node deviceRemoved() {
        return Node.of("stream:error", Attributes.of("code", "401"),
                List.of(Node.of("conflict", Attributes.of("type", "device_removed"))));
    }

    /** §8.5: another connection of the same device took over (no code: Baileys maps it to 440). */
    public static Node replaced() {
        return Node.of("stream:error", Attributes.empty(), List.of(Node.of("conflict", Attributes.of("type", "replaced"))));
    }

    /** {@code <ack class=… id=… from=…/>} for a stanza the client sent (§10.6). */
    public static Node ack(String stanzaClass, String id, String to) {
        Attributes.Builder attrs = Attributes.builder().put("class", stanzaClass).put("id", id);
        if (to != null) {
            attrs.put("from", to);
        }
        return Node.of("ack", attrs.build());
    }

    /**
     * The server's ack of a client's message or receipt (§10.6): {@code <ack class id from t [type] [error]/>};
     * {@code error} (e.g. 479) tells the sender it was not routed.
     */
    public static Node ack(String stanzaClass, String id, String to, long unixSeconds, String type, String error) {
        Attributes.Builder attrs = Attributes.builder().put("class", stanzaClass).put("id", id);
        if (to != null) {
            attrs.put("from", to);
        }
        attrs.put("t", Long.toString(unixSeconds));
        if (type != null) {
            attrs.put("type", type);
        }
        if (error != null) {
            attrs.put("error", error);
        }
        return Node.of("ack", attrs.build());
    }

    public static Node bytes(String tag, String ascii) {
        return new Node(tag, Attributes.empty(), NodeContent.bytes(ascii.getBytes(StandardCharsets.UTF_8)));
    }

    /** Bytes content (or the UTF-8 of text content); null when absent. */
    public static byte[] data(Node node) {
        return node == null ? null : node.contentBytes();
    }
}
