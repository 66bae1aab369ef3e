package com.wagateway.whatsapp.signal;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.proto.SignalProtos;

import java.io.IOException;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * The {@code msg} wire form (fact sheet §9.6): {@code 0x33 || WhisperMessage || mac(8)}, the MAC over both typed
 * identities, the version byte and the proto bytes. Parsing checks shape only; {@link #verifyMac} checks the MAC.
 */
record SignalMessage(byte[] ratchetKey, long counter, int previousCounter, byte[] ciphertext, byte[] serialized) {

    static final byte VERSION_BYTE = 0x33;
    static final int MAC_LENGTH = 8;

    /** @throws SignalException INVALID_MESSAGE for anything that is not a well-formed version-3 message */
    static SignalMessage parse(byte[] serialized) throws SignalException {
        if (serialized == null || serialized.length < 1 + MAC_LENGTH) {
            throw invalid("message too short");
        }
        requireVersion(serialized[0]);
        SignalProtos.WhisperMessage proto;
        try {
            proto = SignalProtos.WhisperMessage.parseFrom(
                    java.nio.ByteBuffer.wrap(serialized, 1, serialized.length - 1 - MAC_LENGTH));
        } catch (InvalidProtocolBufferException e) {
            throw invalid("not a WhisperMessage");
        }
        if (!proto.hasEphemeralKey() || !proto.hasCounter() || !proto.hasCiphertext()) {
            throw invalid("WhisperMessage lacks a ratchet key, counter or ciphertext");
        }
        return new SignalMessage(rawKey(proto.getEphemeralKey().toByteArray()),
                Integer.toUnsignedLong(proto.getCounter()), proto.getPreviousCounter(),
                proto.getCiphertext().toByteArray(), serialized);
    }

    /** libsignal accepts a message when its high nibble is at least 3 and its low nibble at most 3. */
    static void requireVersion(byte version) throws SignalException {
        int high = (version & 0xff) >> 4;
        int low = version & 0x0f;
        if (high < 3 || low > 3) {
            throw invalid("unsupported message version 0x" + Integer.toHexString(version & 0xff));
        }
    }

    /** A 33-byte typed public key from a message, as its raw 32 bytes. */
    static byte[] rawKey(byte[] typed) throws SignalException {
        if (typed.length != Curve25519.KEY_LENGTH + 1 || typed[0] != Curve25519.DJB_TYPE) {
            throw new SignalException(SignalException.Reason.INVALID_KEY, "public key is not 33 bytes starting with 0x05");
        }
        return java.util.Arrays.copyOfRange(typed, 1, typed.length);
    }

    void verifyMac(SignalCrypto.MessageKeys keys, byte[] senderIdentity, byte[] receiverIdentity) throws SignalException {
        byte[] expected = mac(keys, senderIdentity, receiverIdentity, serialized, serialized.length - 1 - MAC_LENGTH);
        byte[] actual = java.util.Arrays.copyOfRange(serialized, serialized.length - MAC_LENGTH, serialized.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new SignalException(SignalException.Reason.BAD_MAC, "message MAC does not match");
        }
    }

    /** Serializes and MACs a message, field for field as libsignal-node's protobufjs encoder writes it. */
    static byte[] serialize(byte[] typedRatchetKey, int counter, int previousCounter, byte[] ciphertext,
                            SignalCrypto.MessageKeys keys, byte[] senderIdentity, byte[] receiverIdentity) {
        int protoLength = CodedOutputStream.computeByteArraySize(1, typedRatchetKey)
                + CodedOutputStream.computeUInt32Size(2, counter)
                + CodedOutputStream.computeUInt32Size(3, previousCounter)
                + CodedOutputStream.computeByteArraySize(4, ciphertext);
        byte[] out = new byte[1 + protoLength + MAC_LENGTH];
        out[0] = VERSION_BYTE;
        CodedOutputStream proto = CodedOutputStream.newInstance(out, 1, protoLength);
        try {
            proto.writeByteArray(1, typedRatchetKey);
            proto.writeUInt32(2, counter);
            proto.writeUInt32(3, previousCounter);
            proto.writeByteArray(4, ciphertext);
            proto.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("WhisperMessage size was miscomputed", e);
        }
        byte[] mac = mac(keys, senderIdentity, receiverIdentity, out, protoLength);
        System.arraycopy(mac, 0, out, 1 + protoLength, MAC_LENGTH);
        return out;
    }

    private static byte[] mac(SignalCrypto.MessageKeys keys, byte[] senderIdentity, byte[] receiverIdentity,
                              byte[] versionAndProto, int protoLength) {
        Mac mac = keys.mac();
        mac.update(senderIdentity);
        mac.update(receiverIdentity);
        mac.update(VERSION_BYTE);
        mac.update(versionAndProto, 1, protoLength);
        return java.util.Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
    }

    private static SignalException invalid(String why) {
        return new SignalException(SignalException.Reason.INVALID_MESSAGE, why);
    }
}
