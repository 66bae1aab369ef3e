package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.util.ArrayList;
import java.util.List;

/**
 * What sending to a group needs from its metadata (fact sheet §10.5, {@code w:g2}): the participants as listed
 * ({@code jid}, LIDs in a LID group) with the other namespace alongside when given, and the addressing mode.
 */
record GroupInfo(Jid group, String addressingMode, List<Participant> participants) {

    /** {@code alt} is {@code phone_number} in a LID group, {@code lid} in a PN group, or null. */
    record Participant(Jid jid, Jid alt) {}

    static Node query(Jid group) {
        return Node.of("iq", Attributes.of("type", "get", "xmlns", "w:g2", "to", group.toString()),
                List.of(Node.of("query", Attributes.of("request", "interactive"))));
    }

    static GroupInfo parse(Jid group, Node answer) {
        Node g = answer.child("group");
        if (g == null) {
            throw new IllegalArgumentException("group metadata without <group>");
        }
        String mode = g.attr("addressing_mode");
        List<Participant> participants = new ArrayList<>();
        for (Node p : g.children()) {
            Jid jid = p.tag().equals("participant") ? Jid.tryParse(p.attr("jid")) : null;
            if (jid == null) {
                continue;
            }
            String altText = p.attr("phone_number") != null ? p.attr("phone_number") : p.attr("lid");
            participants.add(new Participant(jid.toNormalizedUser(), Jid.tryParse(altText)));
        }
        if (mode == null) {
            mode = !participants.isEmpty() && Addressing.isLid(participants.getFirst().jid()) ? "lid" : "pn";
        }
        return new GroupInfo(group, mode, List.copyOf(participants));
    }

    boolean lidAddressed() {
        return "lid".equals(addressingMode);
    }
}
