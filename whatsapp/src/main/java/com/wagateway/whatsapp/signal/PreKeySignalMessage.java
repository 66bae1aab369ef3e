package com.wagateway.whatsapp.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.proto.SignalProtos;

/**
 * The {@code pkmsg} wire form (fact sheet §9.6): {@code 0x33 || PreKeyWhisperMessage}, carrying what the responder needs
 * for X3DH and the first {@code msg}. {@code preKeyId} is {@link SessionState#NO_PRE_KEY} when absent;
 * {@code registrationId} is -1 when absent.
 */
record PreKeySignalMessage(int preKeyId, byte[] baseKey, byte[] identityKey, SignalMessage message, int registrationId,
                           int signedPreKeyId) {

    static PreKeySignalMessage parse(byte[] serialized) throws SignalException {
        if (serialized == null || serialized.length < 2) {
            throw invalid("pkmsg too short");
        }
        SignalMessage.requireVersion(serialized[0]);
        SignalProtos.PreKeyWhisperMessage proto;
        try {
            proto = SignalProtos.PreKeyWhisperMessage.parseFrom(java.nio.ByteBuffer.wrap(serialized, 1, serialized.length - 1));
        } catch (InvalidProtocolBufferException e) {
            throw invalid("not a PreKeyWhisperMessage");
        }
        if (!proto.hasBaseKey() || !proto.hasIdentityKey() || !proto.hasMessage() || !proto.hasSignedPreKeyId()) {
            throw invalid("PreKeyWhisperMessage lacks a base key, identity, message or signed prekey id");
        }
        byte[] baseKey = SignalMessage.rawKey(proto.getBaseKey().toByteArray());
        byte[] identityKey = proto.getIdentityKey().toByteArray();
        SignalMessage.rawKey(identityKey); // shape check; kept typed
        return new PreKeySignalMessage(proto.hasPreKeyId() ? proto.getPreKeyId() : SessionState.NO_PRE_KEY, baseKey,
                identityKey, SignalMessage.parse(proto.getMessage().toByteArray()),
                proto.hasRegistrationId() ? proto.getRegistrationId() : -1, proto.getSignedPreKeyId());
    }

    /** libsignal-node's field order: preKeyId (if any), baseKey, identityKey, message, registrationId, signedPreKeyId. */
    static byte[] serialize(int preKeyId, byte[] typedBaseKey, byte[] typedIdentityKey, byte[] message,
                            int registrationId, int signedPreKeyId) {
        SignalProtos.PreKeyWhisperMessage.Builder proto = SignalProtos.PreKeyWhisperMessage.newBuilder();
        if (preKeyId != SessionState.NO_PRE_KEY) {
            proto.setPreKeyId(preKeyId);
        }
        byte[] body = proto.setBaseKey(ByteString.copyFrom(typedBaseKey))
                .setIdentityKey(ByteString.copyFrom(typedIdentityKey))
                .setMessage(ByteString.copyFrom(message))
                .setRegistrationId(registrationId)
                .setSignedPreKeyId(signedPreKeyId)
                .build().toByteArray();
        byte[] out = new byte[1 + body.length];
        out[0] = SignalMessage.VERSION_BYTE;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static SignalException invalid(String why) {
        return new SignalException(SignalException.Reason.INVALID_MESSAGE, why);
    }
}
