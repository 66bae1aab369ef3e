package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.RandomSource;

/** WhatsApp's random padding around the serialized Message before Signal encryption (fact sheet §9.8). SKELETON. */
public final class MessagePadding {

    private MessagePadding() {
    }

    public static byte[] pad(byte[] message, RandomSource random) {
        throw new UnsupportedOperationException("signal: padding not implemented yet");
    }

    public static byte[] unpad(byte[] padded) throws SignalException {
        throw new UnsupportedOperationException();
    }
}
