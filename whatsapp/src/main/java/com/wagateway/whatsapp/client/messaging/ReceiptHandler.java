package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.client.DeliveryStatus;
import com.wagateway.whatsapp.client.MessageStatusUpdate;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Receipts for messages this session sent (fact sheet §10.8): no type → delivered, {@code read}/{@code read-self}
 * → read, {@code played}/{@code played-self} → played, {@code retry} → the message is resent to that device; each
 * receipt is acked. A status is reported once per message and reader; receipts from our own devices say nothing
 * about the recipient and are not reported. Runs on the serial executor.
 */
final class ReceiptHandler {

    private static final System.Logger LOG = System.getLogger(ReceiptHandler.class.getName());

    private final MessagingContext context;
    private final Addressing addressing;
    private final OutboundTracker tracker;
    private final MessageSender sender;

    ReceiptHandler(MessagingContext context, Addressing addressing, OutboundTracker tracker, MessageSender sender) {
        this.context = context;
        this.addressing = addressing;
        this.tracker = tracker;
        this.sender = sender;
    }

    /** Baileys {@code getStatusFromReceiptType} for the statuses after the server ack; null for the others. */
    static DeliveryStatus statusOf(String type) {
        if (type == null) {
            return DeliveryStatus.DELIVERED;
        }
        return switch (type) {
            case "read", "read-self" -> DeliveryStatus.READ;
            case "played", "played-self" -> DeliveryStatus.PLAYED;
            default -> null;
        };
    }

    void onReceipt(Node receipt) {
        try {
            handle(receipt);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=receipt_failed sessionId=" + context.sessionId(), e);
        } finally {
            context.stanzas().ack(receipt);
        }
    }

    private void handle(Node receipt) {
        String id = receipt.attr("id");
        Jid from = Jid.tryParse(receipt.attr("from"));
        if (id == null || from == null) {
            LOG.log(System.Logger.Level.DEBUG, "event=receipt_malformed sessionId={0}", context.sessionId());
            return;
        }
        Jid participant = Jid.tryParse(receipt.attr("participant"));
        String type = receipt.attr("type");
        if ("retry".equals(type)) {
            Jid device = participant != null ? participant : from;
            Node retry = receipt.child("retry");
            sender.resend(id, device, retry == null ? 1 : parseCount(retry.attr("count")), receipt);
            return;
        }
        DeliveryStatus status = statusOf(type);
        if (status == null) {
            return;
        }
        Credentials creds = context.credentials().get();
        Jid reader = (participant != null ? participant : from).toNormalizedUser();
        if (Addressing.isMyUser(reader, creds)) {
            return;
        }
        Jid recipient = Jid.tryParse(receipt.attr("recipient"));
        Jid chat = from.server().equals(Jid.GROUP) ? from
                : addressing.preferPn(recipient != null ? recipient.toNormalizedUser() : from.toNormalizedUser());
        Jid by = addressing.preferPn(reader);
        Instant at = timestamp(receipt.attr("t"));
        for (String messageId : ids(receipt, id)) {
            if (tracker.advance(messageId, by.toString(), status)) {
                context.listener().messageStatus(new MessageStatusUpdate(messageId, chat, by, status, null, at));
            }
        }
    }

    private static List<String> ids(Node receipt, String first) {
        List<String> ids = new ArrayList<>(1);
        ids.add(first);
        Node list = receipt.child("list");
        if (list != null) {
            for (Node item : list.children()) {
                if (item.tag().equals("item") && item.attr("id") != null) {
                    ids.add(item.attr("id"));
                }
            }
        }
        return ids;
    }

    private Instant timestamp(String t) {
        try {
            return t == null ? context.clock().instant() : Instant.ofEpochSecond(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return context.clock().instant();
        }
    }

    private static int parseCount(String text) {
        try {
            int n = text == null ? 1 : Integer.parseInt(text);
            return Math.max(1, n);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
