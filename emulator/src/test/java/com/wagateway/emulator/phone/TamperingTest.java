package com.wagateway.emulator.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.proto.SignalProtos.PreKeyWhisperMessage;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SessionBuilder;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The tamper fault against the in-house Signal package: a corrupted {@code pkmsg} and a corrupted {@code msg} both
 * fail the receiver's MAC check, and the receiver is left able to decrypt the genuine message (what the retry
 * that follows relies on).
 */
class TamperingTest {

    private static final RandomSource RANDOM = RandomSource.secure();
    private static final SignalAddress PHONE = new SignalAddress("100000000000001", 0);
    private static final SignalAddress COMPANION = new SignalAddress("100000000000002", 1);

    private final InMemorySignalStore phone = new InMemorySignalStore(Curve25519.generateKeyPair(RANDOM), 11);
    private final InMemorySignalStore companion;
    private final PreKeyBundle companionBundle;

    TamperingTest() {
        Curve25519KeyPair identity = Curve25519.generateKeyPair(RANDOM);
        Curve25519KeyPair signed = Curve25519.generateKeyPair(RANDOM);
        Curve25519KeyPair oneTime = Curve25519.generateKeyPair(RANDOM);
        byte[] signature = XEdDsa.sign(identity.privateKey(), signed.typedPublicKey());
        companion = new InMemorySignalStore(identity, 22);
        companion.addSignedPreKey(new SignedPreKey(1, signed, signature));
        companion.addPreKey(7, oneTime);
        companionBundle = new PreKeyBundle(22, 1, identity.publicKey(), 1, signed.publicKey(), signature, 7,
                oneTime.publicKey());
    }

    @Test
    void aTamperedPkmsgFailsTheMacAndTheGenuineOneStillDecrypts() throws Exception {
        SessionBuilder.processBundle(phone, COMPANION, companionBundle, RANDOM);
        EncryptedMessage first = cipher(phone, COMPANION).encrypt(bytes("first"));
        assertThat(first.kind()).isEqualTo(MessageKind.PKMSG);

        // why the fault cannot just flip the last byte: a pkmsg ends in the signed pre-key id, outside every MAC
        byte[] lastFlipped = first.serialized().clone();
        lastFlipped[lastFlipped.length - 1] ^= 0x01;
        PreKeyWhisperMessage genuine = outer(first.serialized());
        PreKeyWhisperMessage flipped = outer(lastFlipped);
        assertThat(flipped.getMessage()).isEqualTo(genuine.getMessage());
        assertThat(flipped.getSignedPreKeyId()).isNotEqualTo(genuine.getSignedPreKeyId());

        byte[] tampered = Tampering.corrupt(first);
        assertThat(tampered).isNotEqualTo(first.serialized()).hasSameSizeAs(first.serialized());
        assertThat(outer(tampered).toBuilder().setMessage(genuine.getMessage()).build()).isEqualTo(genuine);
        assertThatThrownBy(() -> cipher(companion, PHONE).decrypt(MessageKind.PKMSG, tampered))
                .isInstanceOfSatisfying(SignalException.class,
                        e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.BAD_MAC));
        assertThat(text(cipher(companion, PHONE).decrypt(MessageKind.PKMSG, first.serialized()))).isEqualTo("first");
    }

    @Test
    void aTamperedMsgFailsTheMacAndTheGenuineOneStillDecrypts() throws Exception {
        SessionBuilder.processBundle(phone, COMPANION, companionBundle, RANDOM);
        EncryptedMessage first = cipher(phone, COMPANION).encrypt(bytes("first"));
        cipher(companion, PHONE).decrypt(MessageKind.PKMSG, first.serialized());
        EncryptedMessage reply = cipher(companion, PHONE).encrypt(bytes("reply"));
        cipher(phone, COMPANION).decrypt(reply.kind(), reply.serialized()); // the session is acknowledged

        EncryptedMessage second = cipher(phone, COMPANION).encrypt(bytes("second"));
        assertThat(second.kind()).isEqualTo(MessageKind.MSG);
        byte[] tampered = Tampering.corrupt(second);
        assertThatThrownBy(() -> cipher(companion, PHONE).decrypt(MessageKind.MSG, tampered))
                .isInstanceOfSatisfying(SignalException.class,
                        e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.BAD_MAC));
        assertThat(text(cipher(companion, PHONE).decrypt(MessageKind.MSG, second.serialized()))).isEqualTo("second");
    }

    private static PreKeyWhisperMessage outer(byte[] pkmsg) throws Exception {
        return PreKeyWhisperMessage.parseFrom(java.nio.ByteBuffer.wrap(pkmsg, 1, pkmsg.length - 1));
    }

    private static SessionCipher cipher(InMemorySignalStore store, SignalAddress remote) {
        return new SessionCipher(store, remote, RANDOM, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] plain) {
        return new String(plain, StandardCharsets.UTF_8);
    }
}
