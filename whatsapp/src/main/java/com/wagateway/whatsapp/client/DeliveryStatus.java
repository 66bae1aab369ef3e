package com.wagateway.whatsapp.client;

/** Later states of a message this device sent (fact sheet §10.8); SERVER_ACK is the {@link SentMessage} itself. */
public enum DeliveryStatus {
    DELIVERED, READ, PLAYED, FAILED
}
