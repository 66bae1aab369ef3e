package com.wagateway.whatsapp.client;

import java.time.Instant;

/** The server took a message (its {@code <ack class="message">}, status SERVER_ACK): the id and the server's time. */
public record SentMessage(String messageId, Instant serverTimestamp) {
}
