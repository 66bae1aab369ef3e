package com.wagateway.whatsapp.signal;

/** One ciphertext as it goes into an {@code <enc v="2" type=kind>} node: the serialized Signal message. */
public record EncryptedMessage(MessageKind kind, byte[] serialized) {
}
