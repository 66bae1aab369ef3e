package com.wagateway.whatsapp.noise;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.proto.HandshakeProtos.HandshakeMessage;

/** Parses handshake frame payloads (fact sheet §3.3) into one typed error on any bad input. */
final class HandshakeMessages {

    private HandshakeMessages() {
    }

    static HandshakeMessage parse(byte[] bytes, String which) throws HandshakeException {
        try {
            return HandshakeMessage.parseFrom(bytes);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new HandshakeException(new HandshakeError.MalformedMessage(which, "not a HandshakeMessage protobuf"));
        }
    }

    static byte[] requireLength(com.google.protobuf.ByteString field, int length, String message, String name)
            throws HandshakeException {
        if (field.size() != length) {
            throw new HandshakeException(new HandshakeError.MalformedMessage(message,
                    name + " must be " + length + " bytes, was " + field.size()));
        }
        return field.toByteArray();
    }
}
