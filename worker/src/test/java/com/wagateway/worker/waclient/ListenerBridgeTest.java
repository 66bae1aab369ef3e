package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.client.CloseAction;
import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.DeliveryStatus;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.MessageStatusUpdate;
import java.time.Instant;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.connector.ConnectionListener;
import com.wagateway.worker.message.MessageStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table from the client's close reasons to what the engine is told. */
class ListenerBridgeTest {

    private final List<String> told = new ArrayList<>();
    private final ListenerBridge bridge = new ListenerBridge("s1", new Recording());

    @Test
    void qrAndConnectedPassThroughWithThePhoneNumberInE164() {
        bridge.qr("2@ref,noise,identity,adv");
        bridge.connected(Jid.parse("6281234567890:3@s.whatsapp.net"), Jid.parse("123456789:3@lid"));
        assertThat(told).containsExactly("qr 2@ref,noise,identity,adv", "connected +6281234567890");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RECONNECT        | reconnecting connection lost",
            "CLIENT_OUTDATED  | refused connection lost",
            "RESTART          | ",
    })
    void whileTheClientRetries(CloseAction action, String expected) {
        bridge.reconnecting(new CloseReason(action, 428, "connection lost"), 1, Duration.ofSeconds(1));
        assertThat(told).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LOGGED_OUT       | logged_out why",
            "REPLACED         | disconnected why",
            "QR_EXPIRED       | disconnected " + ListenerBridge.QR_NOT_SCANNED,
            "RECONNECT        | failed gave up reconnecting: why",
            "FATAL            | failed why",
            "CLIENT_OUTDATED  | failed why",
            "CLOSED_BY_CLIENT | ",
    })
    void whenTheClientStops(CloseAction action, String expected) {
        bridge.closed(new CloseReason(action, 401, "why"));
        assertThat(told).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
    }

    @Test
    void everyCloseActionIsMapped() {
        for (CloseAction a : CloseAction.values()) {
            bridge.closed(new CloseReason(a, 0, "x"));
            bridge.reconnecting(new CloseReason(a, 0, "x"), 1, Duration.ZERO);
        }
        assertThat(told).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DELIVERED |        | status M1 delivered null",
            "READ      |        | status M1 read null",
            "PLAYED    |        | status M1 read null",
            "FAILED    | 479    | status M1 failed 479",
            "FAILED    |        | status M1 failed WhatsApp reported the message failed",
    })
    void receiptsInTheContractsStatuses(DeliveryStatus status, String error, String expected) {
        Jid chat = Jid.parse("6289876543210@s.whatsapp.net");
        bridge.messageStatus(new MessageStatusUpdate("M1", chat, chat, status, error, Instant.now()));
        assertThat(told).containsExactly(expected);
    }

    @Test
    void anIncomingMessageKeepsUserJidsWithoutDevicesAndItsLid() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        bridge.messageReceived(new IncomingMessage("M2", Jid.parse("6289876543210@s.whatsapp.net"),
                Jid.parse("6289876543210:5@s.whatsapp.net"), Jid.parse("4455667788:5@lid"),
                Jid.parse("6281234567890:3@s.whatsapp.net"), "text", "hi", at, "Ani", true, null));
        assertThat(told).containsExactly("received M2 6289876543210@s.whatsapp.net 6281234567890@s.whatsapp.net "
                + "6289876543210@s.whatsapp.net 4455667788@lid Ani true text hi " + at);
    }

    @Test
    void anUndecryptableMessageIsCountedNotPassedOn() {
        int[] counted = new int[1];
        ListenerBridge counting = new ListenerBridge("s1", new Recording(), () -> counted[0]++);
        counting.messageUndecryptable("M3", Jid.parse("6289876543210:5@s.whatsapp.net"), "bad mac");
        counting.messageUndecryptable("M4", null, "no session");
        assertThat(counted[0]).isEqualTo(2);
        assertThat(told).isEmpty();
    }

    private final class Recording implements ConnectionListener {
        @Override public void qrCode(String qrString) { told.add("qr " + qrString); }
        @Override public void connected(String phoneNumber) { told.add("connected " + phoneNumber); }
        @Override public void reconnecting(String reason) { told.add("reconnecting " + reason); }
        @Override public void retryingRefused(String reason) { told.add("refused " + reason); }
        @Override public void disconnected(String reason) { told.add("disconnected " + reason); }
        @Override public void loggedOut(String reason) { told.add("logged_out " + reason); }
        @Override public void failed(String reason) { told.add("failed " + reason); }
        @Override public void messageStatus(String messageId, MessageStatus status, String error) {
            told.add("status " + messageId + " " + status.wire() + " " + error);
        }
        @Override public CompletionStage<Void> messageReceived(InboundMessage m) {
            told.add("received " + m.messageId() + " " + m.from() + " " + m.to() + " " + m.chat() + " " + m.fromLid()
                    + " " + m.pushName() + " " + m.fromMe() + " " + m.type() + " " + m.content() + " " + m.sentAt());
            return CompletableFuture.completedFuture(null);
        }
    }
}
