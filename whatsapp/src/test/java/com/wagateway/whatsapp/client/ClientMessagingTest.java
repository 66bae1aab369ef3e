package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.client.messaging.MessageSendException;
import com.wagateway.whatsapp.jid.Jid;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client's messaging duties against the scripted server: prekey top-ups, acks, and surviving bad stanzas. */
class ClientMessagingTest {

    static int id(Node key) {
        byte[] b = ((NodeContent.Bytes) key.child("id").content()).data();
        return ((b[0] & 0xff) << 16) | ((b[1] & 0xff) << 8) | (b[2] & 0xff);
    }

    @Test
    void aLowCountNotificationUploadsFiveMorePrekeysWithIdsContinuingFromTheStoredNextId() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            int next = h.storedCreds().nextPreKeyId();
            assertThat(next).isEqualTo(31);
            h.server.received.clear();
            h.server.last().send(Node.of("notification", Attributes.of("from", "@s.whatsapp.net", "type", "encrypt",
                    "id", "n1"), List.of(Node.of("count", Attributes.of("value", "3")))));
            Node ack = h.server.awaitReceived(n -> n.tag().equals("ack"), 5);
            assertThat(ack.attrs().asMap()).containsEntry("id", "n1").containsEntry("class", "notification");
            Node upload = h.server.awaitReceived(n -> ScriptedServer.isIq(n, "encrypt")
                    && n.child("list") != null, 5);
            List<Node> keys = upload.child("list").children();
            assertThat(keys).extracting(ClientMessagingTest::id).containsExactly(31, 32, 33, 34, 35);
            awaitNextPreKeyId(h, 36);

            // enough on the server: nothing happens
            h.server.last().send(Node.of("notification", Attributes.of("from", "@s.whatsapp.net", "type", "encrypt",
                    "id", "n2"), List.of(Node.of("count", Attributes.of("value", "40")))));
            h.server.awaitReceived(n -> n.tag().equals("ack") && "n2".equals(n.attr("id")), 5);
            assertThat(h.server.awaitReceived(n -> ScriptedServer.isIq(n, "encrypt") && n.child("list") != null, 1))
                    .isNull();
        }
    }

    private static void awaitNextPreKeyId(ClientHarness h, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (h.storedCreds().nextPreKeyId() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(h.storedCreds().nextPreKeyId()).isEqualTo(expected);
    }

    @Test
    void malformedAndUndecryptableMessagesAreNackedReportedAndTheSessionStaysUp() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.pairByQr();
            h.server.received.clear();
            h.server.last().send(Node.of("message", Attributes.of("id", "bad1", "from", "1203@g.us", "t", "1")));
            Node nack = h.server.awaitReceived(n -> n.tag().equals("ack") && "bad1".equals(n.attr("id")), 5);
            assertThat(nack.attrs().asMap()).containsEntry("class", "message").containsEntry("error", "487");

            h.server.last().send(Node.of("message", Attributes.of("id", "bad2", "from", "15550001111@s.whatsapp.net",
                    "t", "1"), List.of(Node.of("enc", Attributes.of("v", "2", "type", "msg"), new byte[] {3, 1}))));
            Node retry = h.server.awaitReceived(n -> n.tag().equals("receipt") && "bad2".equals(n.attr("id")), 5);
            assertThat(retry.attrs().asMap()).containsEntry("type", "retry")
                    .containsEntry("to", "15550001111@s.whatsapp.net");
            Node nack2 = h.server.awaitReceived(n -> n.tag().equals("ack") && "bad2".equals(n.attr("id")), 5);
            assertThat(nack2.attr("error")).isEqualTo("500");

            // an ack for an id nobody waits for changes nothing; the connection is still serving pings
            h.server.last().send(Node.of("ack", Attributes.of("class", "message", "id", "nobody", "t", "1")));
            h.server.last().send(Node.of("iq", Attributes.of("from", "@s.whatsapp.net", "type", "get", "id", "p1",
                    "xmlns", "urn:xmpp:ping")));
            assertThat(h.server.awaitReceived(n -> n.tag().equals("iq") && "p1".equals(n.attr("id")), 5)).isNotNull();
            assertThat(h.listener.events).noneMatch(e -> e instanceof RecordingListener.Closed);
        }
    }

    @Test
    void sendingBeforeLoginFailsAsNotConnected() throws Exception {
        try (ClientHarness h = new ClientHarness()) {
            h.start();
            assertThatThrownBy(() -> h.client.sendText("3EB0X", Jid.parse("15550001111@s.whatsapp.net"), "hi")
                    .get(5, TimeUnit.SECONDS)).cause().isInstanceOf(MessageSendException.class)
                    .extracting(e -> ((MessageSendException) e).reason()).isEqualTo(MessageSendException.NOT_CONNECTED);
        }
    }
}
