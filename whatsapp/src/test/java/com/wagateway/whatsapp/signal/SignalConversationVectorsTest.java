package com.wagateway.whatsapp.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.VectorFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Agreement with libsignal-node 6.0.0 (tools/interop/gen-signal-vectors.mjs): both sides of each recorded conversation
 * are replayed in Java with the same keys and the same random key pairs. Every ciphertext Java makes must equal
 * libsignal's byte for byte (so libsignal decrypts ours), and every recorded ciphertext must decrypt, in the recorded
 * shuffled order with gaps and held-back messages, the messages lost in transit delivered at the very end (those
 * whose receiving chain is no longer kept fail by design, see the decrypt step).
 */
class SignalConversationVectorsTest {

    private static final SignalAddress BOB = new SignalAddress("bob", 1);
    private static final SignalAddress ALICE = new SignalAddress("alice", 0);

    @ParameterizedTest
    @ValueSource(strings = {"signal-conversation-prekey.json", "signal-conversation-no-prekey.json"})
    void javaReproducesAndDecryptsTheRecordedConversation(String file) throws Exception {
        JsonNode vectors = VectorFile.read(file);
        JsonNode bobKeys = vectors.get("bob");
        Curve25519KeyPair aliceIdentity = Curve25519.fromPrivateKey(VectorFile.hex(vectors.get("alice").get("identityPrivate")));
        Curve25519KeyPair bobIdentity = Curve25519.fromPrivateKey(VectorFile.hex(bobKeys.get("identityPrivate")));
        InMemorySignalStore alice = new InMemorySignalStore(aliceIdentity, vectors.get("alice").get("registrationId").asInt());
        InMemorySignalStore bob = new InMemorySignalStore(bobIdentity, bobKeys.get("registrationId").asInt());
        JsonNode spk = bobKeys.get("signedPreKey");
        Curve25519KeyPair spkPair = Curve25519.fromPrivateKey(VectorFile.hex(spk.get("private")));
        bob.addSignedPreKey(new SignedPreKey(spk.get("id").asInt(), spkPair, VectorFile.hex(spk.get("signature"))));
        JsonNode opk = bobKeys.get("preKey");
        Curve25519KeyPair opkPair = null;
        if (!opk.isNull()) {
            opkPair = Curve25519.fromPrivateKey(VectorFile.hex(opk.get("private")));
            bob.addPreKey(opk.get("id").asInt(), opkPair);
        }

        ReplayRandom aliceRandom = new ReplayRandom();
        ReplayRandom bobRandom = new ReplayRandom();
        SessionCipher aliceCipher = new SessionCipher(alice, BOB, aliceRandom, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
        SessionCipher bobCipher = new SessionCipher(bob, ALICE, bobRandom, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
        Map<Integer, EncryptedMessage> sent = new HashMap<>();
        Map<Integer, byte[]> plaintexts = new HashMap<>();
        int encrypted = 0;
        int decrypted = 0;
        int pkmsgs = 0;
        int lateDecrypted = 0;
        int lateDropped = 0;

        for (JsonNode step : vectors.get("steps")) {
            boolean byAlice = step.get("actor").asString().equals("alice");
            ReplayRandom random = byAlice ? aliceRandom : bobRandom;
            random.expect(blocks(step.get("randomness")));
            String where = file + " step " + step;
            switch (step.get("op").asString()) {
                case "processBundle" -> {
                    PreKeyBundle bundle = new PreKeyBundle(bob.localRegistrationId(), 1, bobIdentity.publicKey(),
                            spk.get("id").asInt(), spkPair.publicKey(), VectorFile.hex(spk.get("signature")),
                            opkPair == null ? PreKeyBundle.NO_PRE_KEY : opk.get("id").asInt(),
                            opkPair == null ? null : opkPair.publicKey());
                    SessionBuilder.processBundle(alice, BOB, bundle, aliceRandom);
                }
                case "encrypt" -> {
                    int id = step.get("id").asInt();
                    byte[] plaintext = VectorFile.hex(step.get("plaintext"));
                    EncryptedMessage ours = (byAlice ? aliceCipher : bobCipher).encrypt(plaintext);
                    assertThat(ours.kind().wire()).as(where).isEqualTo(step.get("type").asString());
                    assertThat(VectorFile.hex(ours.serialized())).as(where).isEqualTo(step.get("body").asString());
                    // Decrypt libsignal's bytes (identical when the assertion above holds).
                    sent.put(id, new EncryptedMessage(ours.kind(), VectorFile.hex(step.get("body"))));
                    plaintexts.put(id, plaintext);
                    pkmsgs += ours.kind() == MessageKind.PKMSG ? 1 : 0;
                    encrypted++;
                }
                case "decrypt" -> {
                    int id = step.get("id").asInt();
                    EncryptedMessage message = sent.get(id);
                    SessionCipher cipher = byAlice ? aliceCipher : bobCipher;
                    if (step.has("late") && !chainKept(byAlice ? alice : bob, byAlice ? BOB : ALICE, message)) {
                        // Lost in transit and delivered after the whole conversation (the script's last steps).
                        // libsignal-node keeps every receiving chain and decrypts it; this code keeps the 5 newest
                        // receiving chains per session (SessionState.MAX_RECEIVING_CHAINS, as libsignal-java), so a
                        // message from an older chain cannot decrypt by design: its ratchet key is unknown, the
                        // receiver takes it for a new ratchet turn, derives keys the sender never had, and the MAC
                        // fails. The session is unchanged by it (checked below by the messages that follow).
                        byte[] before = (byAlice ? alice : bob).loadSession(byAlice ? BOB : ALICE).orElseThrow();
                        // (the attempted ratchet turn draws a key pair libsignal never drew: a throwaway source)
                        SessionCipher attempt = new SessionCipher(byAlice ? alice : bob, byAlice ? BOB : ALICE,
                                new com.wagateway.whatsapp.crypto.FixedRandom("late " + id),
                                SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
                        assertThatThrownBy(() -> attempt.decrypt(message.kind(), message.serialized())).as(where)
                                .isInstanceOf(SignalException.class)
                                .extracting(e -> ((SignalException) e).reason()).isEqualTo(SignalException.Reason.BAD_MAC);
                        assertThat((byAlice ? alice : bob).loadSession(byAlice ? BOB : ALICE).orElseThrow()).as(where)
                                .isEqualTo(before);
                        lateDropped++;
                    } else {
                        byte[] plaintext = cipher.decrypt(message.kind(), message.serialized());
                        assertThat(plaintext).as(where).isEqualTo(plaintexts.get(id));
                        decrypted++;
                        lateDecrypted += step.has("late") ? 1 : 0;
                    }
                }
                default -> throw new AssertionError("unknown op in " + where);
            }
            assertThat(random.remaining()).as("random key pairs left unused after " + where).isZero();
        }
        assertThat(encrypted).isEqualTo(vectors.get("messages").asInt()).isGreaterThan(300);
        assertThat(decrypted).isGreaterThan(300);
        assertThat(pkmsgs).isGreaterThan(1);
        // every recorded message was delivered: all decrypted but the late ones from chains no longer kept
        assertThat(decrypted + lateDropped).isEqualTo(encrypted);
        assertThat(lateDecrypted).as("late messages whose chain is kept decrypt from skipped keys").isPositive();
        assertThat(lateDropped).as("late messages from dropped chains").isPositive();
        if (opkPair != null) {
            assertThat(bob.loadPreKey(opk.get("id").asInt())).as("one-time prekey removed after use").isEmpty();
        }
        assertThat(bob.loadIdentity(ALICE)).contains(aliceIdentity.typedPublicKey());
    }

    /** True when the receiver still holds the receiving chain of {@code message}'s ratchet key. */
    private static boolean chainKept(InMemorySignalStore receiver, SignalAddress sender, EncryptedMessage message)
            throws SignalException {
        byte[] inner = message.kind() == MessageKind.PKMSG
                ? PreKeySignalMessage.parse(message.serialized()).message().serialized() : message.serialized();
        byte[] ratchetKey = SignalMessage.parse(inner).ratchetKey();
        SessionRecord record = SessionRecord.deserialize(receiver.loadSession(sender).orElseThrow());
        return record.states().stream().anyMatch(state -> state.chain(ratchetKey) != null);
    }

    private static List<byte[]> blocks(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode block : array) {
            out.add(VectorFile.hex(block));
        }
        return out;
    }
}
