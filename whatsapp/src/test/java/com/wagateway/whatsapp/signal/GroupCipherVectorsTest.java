package com.wagateway.whatsapp.signal;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.VectorFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Agreement with Baileys 7.0.0-rc14's group cipher (vectors/senderkey-conversation.json, tools/interop
 * gen-senderkey-vectors.mjs): same key material gives the same SKDM and the same SenderKeyMessage bytes, and every
 * recorded message decrypts in the order a receiver got it.
 */
class GroupCipherVectorsTest {

    private static final int MAX_SKIPPED = 2000;

    private final JsonNode vectors = VectorFile.read("senderkey-conversation.json");
    private final SenderKeyName name = new SenderKeyName(vectors.get("group").asString(),
            new SignalAddress(vectors.get("sender").get("name").asString(), vectors.get("sender").get("device").asInt()));

    @Test
    void reproducesTheDistributionMessagesAndEveryCiphertextByteForByte() throws Exception {
        SignalStore first = newStore();
        ByteSequenceRandom random = new ByteSequenceRandom(hex(vectors.get("keys").get("first").get("random")));
        assertThat(hex(GroupCipher.distributionMessage(first, name, random)))
                .isEqualTo(vectors.get("distributions").get("first").asString());
        assertThat(random.exhausted()).isTrue();

        SignalStore rotated = newStore();
        assertThat(hex(GroupCipher.distributionMessage(rotated, name,
                new ByteSequenceRandom(hex(vectors.get("keys").get("rotated").get("random"))))))
                .isEqualTo(vectors.get("distributions").get("rotated").asString());

        Map<String, SignalStore> senders = Map.of("first", first, "rotated", rotated);
        Map<String, Long> nextIteration = new HashMap<>(Map.of("first", 0L, "rotated", 0L));
        JsonNode late = vectors.get("distributions").get("late");
        int reproduced = 0;
        for (JsonNode m : vectors.get("messages")) {
            String key = m.get("key").asString();
            SignalStore store = senders.get(key);
            if (key.equals("first") && m.get("index").asInt() == late.get("afterMessages").asInt()) {
                assertThat(hex(GroupCipher.distributionMessage(store, name, failingRandom())))
                        .as("distribution message mid-conversation").isEqualTo(late.get("skdm").asString());
            }
            // Baileys encrypts at iterations 0, 2, 4, …; we use every iteration, so burn the ones it skipped.
            long iteration = m.get("iteration").asLong();
            while (nextIteration.get(key) < iteration) {
                GroupCipher.encrypt(store, name, new byte[] {1});
                nextIteration.merge(key, 1L, Long::sum);
            }
            byte[] skmsg = GroupCipher.encrypt(store, name, hex(m.get("plaintext")));
            nextIteration.merge(key, 1L, Long::sum);
            assertThat(hex(skmsg)).as("message %s", m.get("index").asInt()).isEqualTo(m.get("skmsg").asString());
            reproduced++;
        }
        assertThat(reproduced).isGreaterThanOrEqualTo(300);
    }

    @Test
    void decryptsEveryRecordedMessageInTheOrderItWasDelivered() throws Exception {
        SignalStore receiver = newStore();
        List<JsonNode> messages = vectors.get("messages").valueStream().toList();
        int decrypted = replay(receiver, vectors.get("deliveries"), messages);
        assertThat(decrypted).isEqualTo(messages.size());

        for (JsonNode m : messages) {
            assertThatThrownBy(() -> GroupCipher.decrypt(receiver, name, hex(m.get("skmsg")), MAX_SKIPPED))
                    .as("replay of %s", m.get("index").asInt())
                    .isInstanceOfSatisfying(SignalException.class,
                            e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.DUPLICATE_MESSAGE));
        }
        assertThat(receiver.loadSenderKey(name).orElseThrow().length)
                .as("record with two keys after the Baileys gaps stays compact").isLessThan(600);
    }

    @Test
    void aLateJoinerDecryptsFromItsDistributionMessageOnAndRejectsOlderMessages() throws Exception {
        SignalStore receiver = newStore();
        List<JsonNode> messages = vectors.get("messages").valueStream().toList();
        int decrypted = replay(receiver, vectors.get("lateJoinerDeliveries"), messages);
        assertThat(decrypted).isEqualTo(300 - vectors.get("distributions").get("late").get("afterMessages").asInt());

        assertThatThrownBy(() -> GroupCipher.decrypt(receiver, name, hex(messages.get(0).get("skmsg")), MAX_SKIPPED))
                .isInstanceOfSatisfying(SignalException.class,
                        e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.DUPLICATE_MESSAGE));
    }

    private int replay(SignalStore receiver, JsonNode deliveries, List<JsonNode> messages) throws SignalException {
        int decrypted = 0;
        for (JsonNode event : deliveries) {
            if (event.has("distribution")) {
                JsonNode distribution = vectors.get("distributions").get(event.get("distribution").asString());
                byte[] skdm = hex(distribution.isObject() ? distribution.get("skdm") : distribution);
                GroupCipher.processDistributionMessage(receiver, name, skdm);
            } else {
                JsonNode m = messages.get(event.get("index").asInt());
                byte[] plaintext = GroupCipher.decrypt(receiver, name, hex(m.get("skmsg")), MAX_SKIPPED);
                assertThat(hex(plaintext)).as("message %s", m.get("index").asInt())
                        .isEqualTo(m.get("plaintext").asString());
                decrypted++;
            }
        }
        return decrypted;
    }

    private static SignalStore newStore() {
        return new InMemorySignalStore(Curve25519.generateKeyPair(new FixedRandom("group identity")), 42);
    }

    private static ByteSequenceRandom failingRandom() {
        return new ByteSequenceRandom(new byte[0]);
    }
}
