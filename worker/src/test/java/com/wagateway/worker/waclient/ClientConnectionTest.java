package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.client.messaging.MessageSendException;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.connector.SendResult;
import com.wagateway.worker.message.MessageType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The connection leaves failing an unacknowledged message to the client's own ack timeout (the same
 * {@code WA_SEND_ACK_TIMEOUT}), so the worker never reports {@code failed} while the client may still send it; its
 * times come from the injected clock.
 */
class ClientConnectionTest {

    private static final Instant FIXED = Instant.parse("2030-05-06T07:08:09Z");
    private final WhatsAppClient client = mock(WhatsAppClient.class);
    private final CompletableFuture<SentMessage> answer = new CompletableFuture<>();
    private final ClientConnection connection = new ClientConnection(client, Duration.ofSeconds(5),
            Duration.ofMillis(300), Clock.fixed(FIXED, ZoneOffset.UTC));

    @Test
    void aMessageTheClientStillHoldsIsNotFailedWhenTheAckTimeoutPassesTheClientFailsIt() throws Exception {
        when(client.sendText(anyString(), any(Jid.class), anyString())).thenReturn(answer);

        CompletableFuture<SendResult> result = connection.send(text());
        Thread.sleep(900); // three ack timeouts: the client has not answered yet, so it may still send the message

        assertThat(result).as("not failed while the client may still send it").isNotDone();
        answer.completeExceptionally(new MessageSendException(MessageSendException.TIMEOUT, "no server ack"));
        SendResult failed = result.get(5, TimeUnit.SECONDS);
        assertThat(failed.sent()).isFalse();
        assertThat(failed.error()).isEqualTo("no ack from WhatsApp within 0s");
        assertThat(failed.timestamp()).isEqualTo(FIXED);
    }

    @Test
    void aClientThatNeverAnswersIsGivenUpOnlyAfterItsOwnTimeoutAndTheMargin() throws Exception {
        when(client.sendText(anyString(), any(Jid.class), anyString())).thenReturn(answer);

        SendResult failed = connection.send(text()).get(ClientConnection.CLIENT_ANSWER_MARGIN.toMillis() + 5_000,
                TimeUnit.MILLISECONDS);

        assertThat(failed.sent()).isFalse();
        assertThat(failed.error()).isEqualTo("no ack from WhatsApp within 0s");
        assertThat(failed.timestamp()).isEqualTo(FIXED);
    }

    @Test
    void anAckWithoutAServerTimeIsStampedByTheInjectedClock() throws Exception {
        when(client.sendText(anyString(), any(Jid.class), anyString()))
                .thenReturn(CompletableFuture.completedFuture(new SentMessage("3EB0A", null)));

        SendResult sent = connection.send(text()).get(5, TimeUnit.SECONDS);

        assertThat(sent.sent()).isTrue();
        assertThat(sent.timestamp()).isEqualTo(FIXED);
    }

    private static OutboundMessage text() {
        return new OutboundMessage("3EB0A", "6289876543210@s.whatsapp.net", MessageType.TEXT, "hi", null, null, null);
    }
}
