package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The usync device query (fact sheet §10.1, 7.x with {@code <lid/>}) and its answer. */
final class Usync {

    /** One user's answer: its device ids (0 first as listed) and its LID when the server gave one. */
    record UserDevices(Jid user, List<Integer> devices, Jid lid) {}

    private Usync() {
    }

    static Node query(String sid, List<Jid> users) {
        List<Node> list = new ArrayList<>(users.size());
        for (Jid user : users) {
            list.add(Node.of("user", Attributes.of("jid", user.toNormalizedUser().toString())));
        }
        Node usync = Node.of("usync", Attributes.of("context", "message", "mode", "query", "sid", sid, "last", "true",
                "index", "0"), List.of(
                        Node.of("query", Attributes.empty(), List.of(
                                Node.of("devices", Attributes.of("version", "2")), Node.of("lid"))),
                        Node.of("list", Attributes.empty(), list)));
        return Node.of("iq", Attributes.of("to", Jid.SERVER.toString(), "type", "get", "xmlns", "usync"),
                List.of(usync));
    }

    /**
     * The users of an answer. As the reference ({@code extractDeviceJids}): companions without {@code key-index}
     * are dropped, hosted devices too (no hosted support here); a user whose devices carry an error is left out.
     */
    static Map<Jid, UserDevices> parse(Node answer) {
        Map<Jid, UserDevices> result = new LinkedHashMap<>();
        Node usync = answer.child("usync");
        Node list = usync == null ? null : usync.child("list");
        if (list == null) {
            return result;
        }
        for (Node user : list.children()) {
            Jid jid = Jid.tryParse(user.attr("jid"));
            if (!user.tag().equals("user") || jid == null) {
                continue;
            }
            Node lidNode = user.child("lid");
            Jid lid = lidNode == null ? null : Jid.tryParse(lidNode.attr("val"));
            Node devices = user.child("devices");
            Node deviceList = devices == null ? null : devices.child("device-list");
            if (deviceList == null || devices.child("error") != null) {
                continue;
            }
            List<Integer> ids = new ArrayList<>(deviceList.children().size());
            for (Node device : deviceList.children()) {
                int id = parseDevice(device.attr("id"));
                if (!device.tag().equals("device") || id < 0 || "true".equals(device.attr("is_hosted"))) {
                    continue;
                }
                if (id == 0 || device.attr("key-index") != null) {
                    ids.add(id);
                }
            }
            Jid normalized = jid.toNormalizedUser();
            result.put(normalized, new UserDevices(normalized, List.copyOf(ids), lid == null ? null
                    : lid.toNormalizedUser()));
        }
        return result;
    }

    private static int parseDevice(String text) {
        try {
            int id = text == null ? -1 : Integer.parseInt(text);
            return id >= 0 && id <= 255 ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
