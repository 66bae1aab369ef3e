package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;

/**
 * The {@code <ack>} a client owes for each delivered stanza (fact sheet §10.7, Baileys {@code buildAckStanza}):
 * {@code id}, {@code to} = the stanza's {@code from}, {@code class} = its tag, then its {@code participant},
 * {@code recipient} and {@code type} when present; message-class acks also carry {@code from} = our JID.
 */
final class Acks {

    private Acks() {
    }

    static Node of(Node stanza, Jid me) {
        Attributes.Builder b = Attributes.builder()
                .put("id", String.valueOf(stanza.attr("id")))
                .put("to", String.valueOf(stanza.attr("from")))
                .put("class", stanza.tag());
        copy(stanza, b, "participant");
        copy(stanza, b, "recipient");
        copy(stanza, b, "type");
        if (stanza.tag().equals("message") && me != null) {
            b.put("from", me.toString());
        }
        return Node.of("ack", b.build());
    }

    private static void copy(Node stanza, Attributes.Builder b, String key) {
        String value = stanza.attr(key);
        if (value != null) {
            b.put(key, value);
        }
    }
}
