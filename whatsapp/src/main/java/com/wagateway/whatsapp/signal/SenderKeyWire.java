package com.wagateway.whatsapp.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.proto.SenderKeyProtos.SenderKeyDistribution;
import com.wagateway.whatsapp.proto.SenderKeyProtos.SenderKeyWhisper;

import java.util.Arrays;

/** The two sender-key wire messages (fact sheet §9.7): {@code 0x33 || proto} and {@code 0x33 || proto || signature}. */
final class SenderKeyWire {

    static final byte VERSION = 0x33;

    private SenderKeyWire() {
    }

    record Distribution(int keyId, long iteration, byte[] chainKey, byte[] signingPublic) {
    }

    record Message(int keyId, long iteration, byte[] ciphertext, byte[] signedPart, byte[] signature) {
    }

    static byte[] encodeDistribution(int keyId, long iteration, byte[] chainKey, byte[] rawSigningPublic) {
        byte[] body = SenderKeyDistribution.newBuilder()
                .setId(keyId)
                .setIteration((int) iteration)
                .setChainKey(ByteString.copyFrom(chainKey))
                .setSigningKey(ByteString.copyFrom(Curve25519.typed(rawSigningPublic)))
                .build().toByteArray();
        return withVersion(body);
    }

    static Distribution parseDistribution(byte[] bytes) throws SignalException {
        if (bytes == null || bytes.length < 2) {
            throw invalid("sender key distribution message too short");
        }
        checkVersion(bytes[0]);
        SenderKeyDistribution proto;
        try {
            proto = SenderKeyDistribution.parseFrom(ByteString.copyFrom(bytes, 1, bytes.length - 1));
        } catch (InvalidProtocolBufferException e) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "unreadable sender key distribution message", e);
        }
        if (!proto.hasId() || !proto.hasIteration() || !proto.hasChainKey() || !proto.hasSigningKey()) {
            throw invalid("sender key distribution message lacks a field");
        }
        if (proto.getChainKey().size() != SenderChain.KEY_LENGTH) {
            throw new SignalException(SignalException.Reason.INVALID_KEY, "sender chain key must be 32 bytes");
        }
        byte[] signing = proto.getSigningKey().toByteArray();
        if (signing.length != Curve25519.KEY_LENGTH + 1) {
            throw new SignalException(SignalException.Reason.INVALID_KEY, "sender signing key must be 33 bytes (0x05-prefixed)");
        }
        try {
            signing = Curve25519.untyped(signing);
        } catch (CryptoException e) {
            throw new SignalException(SignalException.Reason.INVALID_KEY, "sender signing key has a wrong type byte", e);
        }
        return new Distribution(proto.getId(), Integer.toUnsignedLong(proto.getIteration()),
                proto.getChainKey().toByteArray(), signing);
    }

    static byte[] encodeMessage(int keyId, long iteration, byte[] ciphertext, byte[] signingPrivate) {
        byte[] signed = withVersion(SenderKeyWhisper.newBuilder()
                .setId(keyId)
                .setIteration((int) iteration)
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .build().toByteArray());
        byte[] signature = XEdDsa.sign(signingPrivate, signed);
        byte[] out = Arrays.copyOf(signed, signed.length + XEdDsa.SIGNATURE_LENGTH);
        System.arraycopy(signature, 0, out, signed.length, signature.length);
        return out;
    }

    static Message parseMessage(byte[] bytes) throws SignalException {
        if (bytes == null || bytes.length < 2 + XEdDsa.SIGNATURE_LENGTH) {
            throw invalid("sender key message too short");
        }
        checkVersion(bytes[0]);
        int signedLength = bytes.length - XEdDsa.SIGNATURE_LENGTH;
        SenderKeyWhisper proto;
        try {
            proto = SenderKeyWhisper.parseFrom(ByteString.copyFrom(bytes, 1, signedLength - 1));
        } catch (InvalidProtocolBufferException e) {
            throw new SignalException(SignalException.Reason.INVALID_MESSAGE, "unreadable sender key message", e);
        }
        if (!proto.hasId() || !proto.hasIteration() || !proto.hasCiphertext()) {
            throw invalid("sender key message lacks a field");
        }
        int ciphertextLength = proto.getCiphertext().size();
        if (ciphertextLength == 0 || ciphertextLength % 16 != 0) {
            throw invalid("sender key ciphertext is not whole AES blocks");
        }
        return new Message(proto.getId(), Integer.toUnsignedLong(proto.getIteration()), proto.getCiphertext().toByteArray(),
                Arrays.copyOf(bytes, signedLength), Arrays.copyOfRange(bytes, signedLength, bytes.length));
    }

    private static void checkVersion(byte version) throws SignalException {
        if (((version & 0xff) >> 4) != 3) {
            throw invalid("unsupported sender key message version " + ((version & 0xff) >> 4));
        }
    }

    private static byte[] withVersion(byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = VERSION;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static SignalException invalid(String message) {
        return new SignalException(SignalException.Reason.INVALID_MESSAGE, message);
    }
}
