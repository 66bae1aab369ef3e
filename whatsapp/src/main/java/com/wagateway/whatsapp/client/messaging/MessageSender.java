package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends text (fact sheet §10.4 1:1, §10.5 groups) and answers retry receipts (§10.7 step 4): checks the request,
 * tracks it until the server's ack ({@link OutboundTracker}, with the ack timeout) and queues it ({@link SendQueue})
 * for the 1:1 ({@link UserFanout}) or group ({@link GroupFanout}) fan-out; retry receipts go to {@link RetryResender}.
 * Runs on the serial executor.
 */
final class MessageSender {

    private final MessagingContext context;
    private final OutboundTracker tracker;
    private final SendQueue queue;
    private final UserFanout userFanout;
    private final GroupFanout groupFanout;
    private final RetryResender resender;

    MessageSender(MessagingContext context, LidSignalStore store, DeviceDirectory devices, GroupDirectory groups,
                  SessionEstablisher sessions, SenderKeyMemory senderKeyMemory, OutboundTracker tracker) {
        this.context = context;
        this.tracker = tracker;
        this.queue = new SendQueue(context);
        PairwiseEncryptor encryptor = new PairwiseEncryptor(context, sessions);
        this.userFanout = new UserFanout(context, devices, sessions, encryptor, queue, tracker);
        this.groupFanout = new GroupFanout(context, store, devices, groups, sessions, senderKeyMemory, encryptor,
                queue, tracker);
        this.resender = new RetryResender(context, store, sessions, senderKeyMemory, encryptor, queue, tracker);
    }

    CompletableFuture<SentMessage> sendText(String id, Jid to, String text) {
        if (text == null) {
            return CompletableFuture.failedFuture(new MessageSendException(MessageSendException.INVALID_RECIPIENT,
                    "message id, recipient and text are required"));
        }
        return send(id, to, Message.newBuilder().setConversation(text).build());
    }

    /** Any content message (text, media…): the same fan-out, tracking and ack handling as text. */
    CompletableFuture<SentMessage> send(String id, Jid to, Message message) {
        CompletableFuture<SentMessage> result = new CompletableFuture<>();
        if (id == null || id.isEmpty() || to == null || message == null) {
            result.completeExceptionally(new MessageSendException(MessageSendException.INVALID_RECIPIENT,
                    "message id, recipient and content are required"));
            return result;
        }
        boolean group = to.server().equals(Jid.GROUP);
        if (!group && !Addressing.isPn(to) && !Addressing.isLid(to)) {
            result.completeExceptionally(new MessageSendException(MessageSendException.INVALID_RECIPIENT,
                    "cannot send to " + to.server() + " JIDs"));
            return result;
        }
        if (!context.stanzas().isOpen()) {
            result.completeExceptionally(new MessageSendException(MessageSendException.NOT_CONNECTED,
                    "not connected to the server"));
            return result;
        }
        if (tracker.isPending(id)) {
            result.completeExceptionally(new MessageSendException(MessageSendException.INVALID_RECIPIENT,
                    "message id " + id + " is already being sent"));
            return result;
        }
        long timeout = context.ackTimeout().toMillis();
        tracker.track(id, result, context.scheduler().schedule(() -> context.serial().execute(() ->
                tracker.fail(id, new MessageSendException(MessageSendException.TIMEOUT,
                        "no server ack within " + context.ackTimeout()))), timeout, TimeUnit.MILLISECONDS));
        Jid chat = to.toNormalizedUser();
        queue.enqueue(() -> {
            if (!tracker.isPending(id)) {
                // failed while queued (connection ended, timeout): it must not go out later on another connection
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> sending;
            try {
                sending = group ? groupFanout.send(id, chat, message) : userFanout.send(id, chat, message);
            } catch (RuntimeException e) {
                sending = CompletableFuture.failedFuture(e);
            }
            return sending.whenComplete((ok, error) -> {
                if (error != null) {
                    tracker.fail(id, sendFailure(error));
                }
            });
        });
        return result;
    }

    /** The retry receipt's answer: re-encrypts the recent message for one device (queued like a send). */
    void resend(String id, Jid device, int count, Node receipt) {
        resender.resend(id, device, count, receipt);
    }

    private static RuntimeException sendFailure(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof MessageSendException m) {
            return m;
        }
        return new MessageSendException(MessageSendException.SERVER_ERROR, rootMessage(t), t);
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
