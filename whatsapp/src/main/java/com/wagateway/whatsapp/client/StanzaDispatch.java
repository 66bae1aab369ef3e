package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.client.messaging.Messaging;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaTransfers;
import java.util.List;

/**
 * Routes each stanza of the current connection to whoever handles it: messaging (messages, receipts, acks, its
 * notifications), pairing (pair-device, pair-success, the phone-code notification), prekey top-ups, media retry, and
 * the server's pings and {@code <ib>} hints. Stanzas that end the connection ({@code failure}, {@code stream:error},
 * {@code xmlstreamend}) are classified by {@link CloseReasons} and end it; {@code success} goes back to the client,
 * which owns the login. Runs on the session's serial executor; the client's state is read through {@link Session}.
 */
final class StanzaDispatch {

    private static final System.Logger LOG = System.getLogger(StanzaDispatch.class.getName());

    /** What the dispatch needs from the client, read at each stanza (it changes with logins and pairings). */
    interface Session {
        /** This device's JID (null before pairing), for the acks. */
        Jid me();

        boolean loggedIn();

        /** Null before the first login. */
        Messaging messaging();

        /** Whether a 401 right now may still be the pairing's restart (see {@code WhatsAppClient.PAIRING_GRACE_401S}). */
        boolean inPairingGrace();

        /** A reason the connection ends with, after the pairing grace counted it. */
        CloseReason counted(CloseReason reason);

        void onSuccess(NodeConnection c, Node success);

        /** The server's routing hint ({@code <ib><edge_routing>}), to be kept with the credentials. */
        void routingInfo(byte[] info);
    }

    private final ClientContext context;
    private final Session session;
    private final QrPairing qrPairing;
    private final CodePairingFlow codePairing;
    private final PreKeyUploader preKeys;
    private final MediaTransfers media;

    StanzaDispatch(ClientContext context, Session session, QrPairing qrPairing, CodePairingFlow codePairing,
                   PreKeyUploader preKeys, MediaTransfers media) {
        this.context = context;
        this.session = session;
        this.qrPairing = qrPairing;
        this.codePairing = codePairing;
        this.preKeys = preKeys;
        this.media = media;
    }

    void onNode(NodeConnection c, Node node) {
        switch (node.tag()) {
            case "iq" -> onIq(c, node);
            case "success" -> session.onSuccess(c, node);
            case "failure" -> c.end(session.counted(CloseReasons.failure(node, session.inPairingGrace())));
            case "stream:error" -> c.end(session.counted(CloseReasons.streamError(node, session.inPairingGrace())));
            case "xmlstreamend" -> c.end(CloseReasons.streamEnd());
            case "ib" -> onIb(c, node);
            case "notification" -> onNotification(c, node);
            case "message" -> {
                Messaging messaging = session.messaging();
                if (messaging != null && session.loggedIn()) {
                    messaging.onMessage(node);
                } else {
                    c.send(Acks.of(node, session.me()));
                }
            }
            case "receipt" -> {
                Messaging messaging = session.messaging();
                if (messaging != null && session.loggedIn()) {
                    messaging.onReceipt(node);
                } else {
                    c.send(Acks.of(node, session.me()));
                }
            }
            case "ack" -> {
                Messaging messaging = session.messaging();
                if (messaging != null) {
                    messaging.onAck(node);
                }
            }
            case "call" -> c.send(Acks.of(node, session.me()));
            default -> LOG.log(System.Logger.Level.DEBUG, "event=stanza_ignored sessionId={0} tag={1}",
                    context.sessionId(), node.tag());
        }
    }

    private void onIq(NodeConnection c, Node iq) {
        String type = iq.attr("type");
        Node first = iq.children().isEmpty() ? null : iq.children().getFirst();
        String child = first == null ? "" : first.tag();
        if ("set".equals(type) && child.equals("pair-device")) {
            qrPairing.onPairDevice(c, iq);
        } else if (child.equals("pair-success")) {
            qrPairing.onPairSuccess(c, iq);
        } else if ("get".equals(type) && "urn:xmpp:ping".equals(iq.attr("xmlns")) && iq.attr("id") != null) {
            c.send(Node.of("iq", Attributes.of("to", NodeConnection.SERVER, "type", "result", "id", iq.attr("id"))));
        } else {
            // Baileys registers no handler for other IQs from the server and leaves them unanswered
            LOG.log(System.Logger.Level.DEBUG, "event=iq_ignored sessionId={0} type={1} child={2}",
                    context.sessionId(), type, child);
        }
    }

    private void onIb(NodeConnection c, Node ib) {
        for (Node child : ib.children()) {
            switch (child.tag()) {
                case "offline" -> LOG.log(System.Logger.Level.INFO, "event=offline_done sessionId={0} count={1}",
                        context.sessionId(), child.attr("count"));
                case "offline_preview" -> c.send(Node.of("ib", Attributes.empty(),
                        List.of(Node.of("offline_batch", Attributes.of("count", "100")))));
                case "edge_routing" -> {
                    Node info = child.child("routing_info");
                    if (info != null && info.content() instanceof NodeContent.Bytes bytes) {
                        session.routingInfo(bytes.data());
                    }
                }
                case "downgrade_webclient" -> c.end(CloseReasons.multideviceMismatch());
                default -> {
                }
            }
        }
    }

    private void onNotification(NodeConnection c, Node node) {
        c.send(Acks.of(node, session.me()));
        String type = node.attr("type");
        if ("encrypt".equals(type) && isServer(node.attr("from"))) {
            Node count = node.child("count");
            int value = count == null ? Integer.MAX_VALUE : parseInt(count.attr("value"));
            if (value < PreKeyUploader.MIN_PREKEY_COUNT && session.loggedIn()) {
                preKeys.upload(c, PreKeyUploader.MIN_PREKEY_COUNT).whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.log(System.Logger.Level.WARNING, "event=prekey_topup_failed sessionId={0} error={1}",
                                context.sessionId(), LoginSequence.rootMessage(error));
                    }
                });
            }
        } else if ("mediaretry".equals(type)) {
            media.onRetryNotification(node);
        } else if ("link_code_companion_reg".equals(type)) {
            codePairing.onNotification(c, node.child("link_code_companion_reg"));
        } else {
            Messaging messaging = session.messaging();
            if (messaging != null) {
                messaging.onNotification(node);
            }
        }
    }

    /** The server's own address, as a JID pair ({@code @s.whatsapp.net}) or the bare token. */
    static boolean isServer(String from) {
        return NodeConnection.SERVER.equals(from) || Jid.WHATSAPP.equals(from);
    }

    private static int parseInt(String text) {
        try {
            return text == null ? Integer.MAX_VALUE : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
