package com.wagateway.emulator.phone;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.emulator.protocol.DeviceRef;
import com.wagateway.whatsapp.proto.SignalProtos.PreKeyWhisperMessage;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.MessageKind;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One-shot faults: the next ciphertext a phone encrypts for a given device is corrupted (admin {@code POST /faults}). */
public final class Tampering {

    private final Set<String> armed = ConcurrentHashMap.newKeySet();

    /** Arms the fault for the next ciphertext {@code phoneNumber} sends to {@code target}. */
    public void arm(String phoneNumber, DeviceRef target) {
        armed.add(phoneNumber + ">" + target);
    }

    boolean consume(String phoneNumber, DeviceRef target) {
        return armed.remove(phoneNumber + ">" + target);
    }

    /**
     * The ciphertext with one byte flipped where the receiver's check covers it, so decryption fails with a bad
     * MAC (signature for {@code skmsg}) instead of going through. A {@code msg} ({@code 0x33 || WhisperMessage ||
     * mac(8)}) and an {@code skmsg} (… {@code || signature(64)}) end in what is checked, so their last byte is
     * flipped. A {@code pkmsg} ({@code 0x33 || PreKeyWhisperMessage}) ends in protobuf fields no MAC covers
     * (registration id, signed pre-key id), so the flip goes into the MAC of the {@code msg} it carries in field 4,
     * and the protobuf is encoded again around it.
     */
    static byte[] corrupt(EncryptedMessage encrypted) {
        byte[] serialized = encrypted.serialized();
        if (encrypted.kind() != MessageKind.PKMSG) {
            return flipLast(serialized);
        }
        PreKeyWhisperMessage outer;
        try {
            outer = PreKeyWhisperMessage.parseFrom(ByteBuffer.wrap(serialized, 1, serialized.length - 1));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a pkmsg", e);
        }
        byte[] inner = flipLast(outer.getMessage().toByteArray());
        byte[] body = outer.toBuilder().setMessage(ByteString.copyFrom(inner)).build().toByteArray();
        byte[] out = new byte[1 + body.length];
        out[0] = serialized[0];
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static byte[] flipLast(byte[] bytes) {
        byte[] out = bytes.clone();
        out[out.length - 1] ^= 0x01;
        return out;
    }
}
