package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.client.IncomingMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands decrypted messages to the application and acks them only once it kept them: the delivery receipt and the
 * {@code <ack>} (after which the server forgets the message) go out when the listener's stage completes normally,
 * within the keep timeout ({@code ClientConfig.inboundKeepTimeout}, not the send ack timeout: the stage may download
 * media), on the connection the message came on. Otherwise nothing is sent and the server delivers the
 * message again on the next login, where {@link UnackedMessages} supplies the plaintext the spent key no longer can.
 * Messages are handed over in arrival order (each {@link #handOver} call reports at once, on the serial executor);
 * their stages may complete in any order. Runs on the serial executor.
 */
final class InboundHandover {

    private static final System.Logger LOG = System.getLogger(InboundHandover.class.getName());

    private final MessagingContext context;
    private final UnackedMessages unacked = new UnackedMessages();
    /** Counts connection ends: a stage completing after one must not ack on the next connection. */
    private long connection;

    InboundHandover(MessagingContext context) {
        this.context = context;
    }

    /** The kept plaintext of a message reported but not acked, or null. */
    IncomingMessage unacked(String senderDevice, String messageId) {
        return unacked.get(UnackedMessages.key(senderDevice, messageId));
    }

    /** Nothing to report (key distribution, peer housekeeping): answered at once. */
    void answer(Node node, String receiptType) {
        context.stanzas().send(MessageNodes.deliveryReceipt(node, receiptType));
        context.stanzas().ack(node);
    }

    /** Reports {@code message} and answers {@code node} once the application kept it. */
    void handOver(Node node, String receiptType, String senderDevice, IncomingMessage message) {
        String key = UnackedMessages.key(senderDevice, message.messageId());
        unacked.put(key, message);
        long onConnection = connection;
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        try {
            context.listener().messageReceived(message).whenComplete((ok, error) -> {
                if (error != null) {
                    outcome.completeExceptionally(error);
                } else {
                    outcome.complete(null);
                }
            });
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
        if (!outcome.isDone()) {
            ScheduledFuture<?> timer = context.scheduler().schedule(() -> outcome.completeExceptionally(
                    new TimeoutException("not kept within " + context.inboundKeepTimeout())),
                    context.inboundKeepTimeout().toMillis(), TimeUnit.MILLISECONDS);
            outcome.whenComplete((ok, error) -> timer.cancel(false));
        }
        outcome.whenComplete((ok, error) -> context.serial().execute(() -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "event=message_not_kept sessionId={0} id={1} action=no_ack "
                        + "error=\"{2}\"", context.sessionId(), message.messageId(), MessageSender.rootMessage(error));
                return;
            }
            if (onConnection != connection || !context.stanzas().isOpen()) {
                LOG.log(System.Logger.Level.INFO, "event=message_kept_after_disconnect sessionId={0} id={1} "
                        + "action=no_ack", context.sessionId(), message.messageId());
                return;
            }
            answer(node, receiptType);
            unacked.remove(key);
        }));
    }

    /** The connection ended: stages completing from now on leave their messages unacked. */
    void connectionEnded() {
        connection++;
    }

    int unackedCount() {
        return unacked.size();
    }
}
