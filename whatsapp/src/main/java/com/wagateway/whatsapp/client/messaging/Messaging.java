package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One session's end-to-end messaging (fact sheet §10): sending text, the server's acks, receipts, incoming
 * messages, device and group notifications, the LID mapping. The client hands it stanzas and calls; everything
 * runs on the session's serial executor. Small when idle: caches are allocated on first use and bounded.
 */
public final class Messaging {

    private static final System.Logger LOG = System.getLogger(Messaging.class.getName());

    private final MessagingContext context;
    private final Addressing addressing;
    private final DeviceDirectory devices;
    private final GroupDirectory groups;
    private final OutboundTracker tracker;
    private final MessageSender sender;
    private final MessageReceiver receiver;
    private final ReceiptHandler receipts;
    private final SenderKeyMemory senderKeyMemory;

    public Messaging(MessagingContext context) {
        this.context = context;
        this.tracker = new OutboundTracker(context.retryCacheMessages(), context.retryCacheBytes());
        this.addressing = new Addressing(context.lidMappings());
        LidSignalStore store = new LidSignalStore(context.signalStore(), context.lidMappings(),
                context.sessionId());
        this.devices = new DeviceDirectory(context, addressing, store);
        this.groups = new GroupDirectory(context, devices);
        this.senderKeyMemory = new SenderKeyMemory(context.store(), context.sessionId(), addressing);
        SessionEstablisher sessions = new SessionEstablisher(context, addressing, store, senderKeyMemory);
        this.sender = new MessageSender(context, store, devices, groups, sessions, senderKeyMemory, tracker);
        this.receiver = new MessageReceiver(context, addressing, store, devices, senderKeyMemory);
        this.receipts = new ReceiptHandler(context, addressing, tracker, sender);
    }

    /** {@code WhatsAppClient.sendText}: completes on the server's ack (or fails with a {@link MessageSendException}). */
    public CompletableFuture<SentMessage> sendText(String messageId, Jid to, String text) {
        return sender.sendText(messageId, to, text);
    }

    /** {@code WhatsAppClient.sendMessage}: any content message, as {@link #sendText}. */
    public CompletableFuture<SentMessage> send(String messageId, Jid to,
                                               com.wagateway.whatsapp.proto.MessageProtos.Message content) {
        return sender.send(messageId, to, content);
    }

    /** Logged in: the own PN↔LID pair from {@code <success lid>} is a mapping like any other (§8.1 step 4). */
    public void loggedIn(Jid me, Jid meLid) {
        if (me != null && meLid != null) {
            devices.learned(me.toNormalizedUser(), meLid.toNormalizedUser(), null);
        }
    }

    public void onMessage(Node message) {
        receiver.onMessage(message);
    }

    public void onReceipt(Node receipt) {
        receipts.onReceipt(receipt);
    }

    /** {@code <ack class="message">} (§10.6): the server took the message, or refused it with {@code error}. */
    public void onAck(Node ack) {
        if (!"message".equals(ack.attr("class")) || ack.attr("id") == null) {
            return;
        }
        String id = ack.attr("id");
        String error = ack.attr("error");
        if (error != null) {
            LOG.log(System.Logger.Level.WARNING, "event=message_nacked sessionId={0} id={1} error={2}",
                    context.sessionId(), id, error);
            tracker.fail(id, new MessageSendException(MessageSendException.SERVER_ERROR,
                    "server refused the message: error " + error));
            return;
        }
        tracker.acked(id, serverTime(ack.attr("t")));
    }

    /**
     * A notification already acked by the client: {@code devices} drops the user's cached device list,
     * {@code w:gp2} the group's metadata, an {@code encrypt} identity change from a user its sessions.
     */
    public void onNotification(Node notification) {
        Jid from = Jid.tryParse(notification.attr("from"));
        if (from == null) {
            return;
        }
        switch (String.valueOf(notification.attr("type"))) {
            case "devices" -> {
                devices.invalidate(from);
                Jid alt = Jid.tryParse(notification.attr("lid"));
                if (alt != null) {
                    devices.learned(from.toNormalizedUser(), alt.toNormalizedUser(), null);
                    devices.invalidate(alt);
                }
            }
            case "w:gp2" -> groups.invalidate(from.toNormalizedUser());
            case "encrypt" -> {
                // from a user (the server's own are prekey counts): its identity changed (§8.2), so its sessions
                // are stale; the next send fetches fresh bundles (Baileys refreshes them at once)
                if (notification.child("identity") != null && (Addressing.isPn(from) || Addressing.isLid(from))) {
                    Jid user = from.toNormalizedUser();
                    devices.identityChanged(user);
                    // its devices lost our sender keys with the old installation: every group resends them
                    senderKeyMemory.identityChanged(user, true);
                }
            }
            default -> {
            }
        }
    }

    /**
     * The connection ended: messages still waiting for the server's ack fail, and received messages the application
     * keeps from now on are not acked (the server delivers them again on the next connection).
     */
    public void disconnected(String reason) {
        tracker.failAll("connection ended before the server acked: " + reason);
        receiver.connectionEnded();
    }

    private Instant serverTime(String t) {
        try {
            return t == null ? context.clock().instant() : Instant.ofEpochSecond(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return context.clock().instant();
        }
    }
}
