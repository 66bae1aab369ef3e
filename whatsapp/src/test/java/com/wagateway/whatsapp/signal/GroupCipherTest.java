package com.wagateway.whatsapp.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.proto.SenderKeyProtos.SenderKeyWhisper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class GroupCipherTest {

    private static final String GROUP = "120363000000000002@g.us";
    private final SenderKeyName alice = new SenderKeyName(GROUP, new SignalAddress("111_1", 0));
    private final SignalStore aliceStore = store("alice");
    private final SignalStore bobStore = store("bob");
    private final RandomSource random = new FixedRandom("group cipher test");

    @Test
    void distributionMessageCreatesTheKeyOnceAndMembersDecrypt() throws Exception {
        byte[] skdm = GroupCipher.distributionMessage(aliceStore, alice, random);
        assertThat(GroupCipher.distributionMessage(aliceStore, alice, random)).isEqualTo(skdm);
        GroupCipher.processDistributionMessage(bobStore, alice, skdm);

        for (int i = 0; i < 50; i++) {
            byte[] skmsg = GroupCipher.encrypt(aliceStore, alice, text("hello " + i));
            assertThat(GroupCipher.decrypt(bobStore, alice, skmsg, 2000)).isEqualTo(text("hello " + i));
        }
        // The SKDM now carries the advanced chain, so a late joiner starts at iteration 50.
        SignalStore carol = store("carol");
        GroupCipher.processDistributionMessage(carol, alice, GroupCipher.distributionMessage(aliceStore, alice, random));
        byte[] next = GroupCipher.encrypt(aliceStore, alice, text("late"));
        assertThat(GroupCipher.decrypt(carol, alice, next, 2000)).isEqualTo(text("late"));
    }

    @Test
    void outOfOrderMessagesDecryptOnceAndDuplicatesAreRejected() throws Exception {
        setUpBob();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(GroupCipher.encrypt(aliceStore, alice, text("m" + i)));
        }
        int[] order = {5, 0, 39, 1, 2, 20, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25,
                26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38};
        for (int i : order) {
            assertThat(GroupCipher.decrypt(bobStore, alice, sent.get(i), 2000)).isEqualTo(text("m" + i));
            expectReason(() -> GroupCipher.decrypt(bobStore, alice, sent.get(i), 2000),
                    SignalException.Reason.DUPLICATE_MESSAGE);
        }
        assertThat(record(bobStore).states()).allSatisfy(s -> assertThat(s.hasSkippedKeys()).isFalse());
    }

    @Test
    void skippedKeysAreBoundedByMaxSkippedKeys() throws Exception {
        setUpBob();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(GroupCipher.encrypt(aliceStore, alice, text("m" + i)));
        }
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, sent.get(11), 10),
                SignalException.Reason.TOO_MANY_SKIPPED_KEYS);
        assertThat(GroupCipher.decrypt(bobStore, alice, sent.get(10), 10)).isEqualTo(text("m10"));
        assertThat(GroupCipher.decrypt(bobStore, alice, sent.get(20), 10)).isEqualTo(text("m20"));
        // The window may span at most 10 iterations (11..20): the keys for 0..9 were dropped.
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, sent.get(9), 10), SignalException.Reason.DUPLICATE_MESSAGE);
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, sent.get(0), 10), SignalException.Reason.DUPLICATE_MESSAGE);
        for (int i = 11; i < 20; i++) {
            assertThat(GroupCipher.decrypt(bobStore, alice, sent.get(i), 10)).isEqualTo(text("m" + i));
        }
        assertThat(record(bobStore).states().getFirst().hasSkippedKeys()).isFalse();
    }

    @Test
    void aRecordKeepsSeveralKeysByIdButAtMostFive() throws Exception {
        List<byte[]> firstMessages = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            SignalStore sender = store("sender " + k);
            GroupCipher.processDistributionMessage(bobStore, alice,
                    GroupCipher.distributionMessage(sender, alice, new FixedRandom("key " + k)));
            firstMessages.add(GroupCipher.encrypt(sender, alice, text("key " + k)));
        }
        assertThat(record(bobStore).states()).hasSize(SenderKeyRecord.MAX_STATES);
        for (int k = 2; k < 7; k++) {
            assertThat(GroupCipher.decrypt(bobStore, alice, firstMessages.get(k), 2000)).isEqualTo(text("key " + k));
        }
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, firstMessages.get(0), 2000),
                SignalException.Reason.NO_SENDER_KEY);
    }

    @Test
    void aRepeatedDistributionMessageDoesNotRewindTheChain() throws Exception {
        byte[] skdm = GroupCipher.distributionMessage(aliceStore, alice, random);
        GroupCipher.processDistributionMessage(bobStore, alice, skdm);
        byte[] first = GroupCipher.encrypt(aliceStore, alice, text("once"));
        GroupCipher.decrypt(bobStore, alice, first, 2000);
        GroupCipher.processDistributionMessage(bobStore, alice, skdm);
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, first, 2000), SignalException.Reason.DUPLICATE_MESSAGE);
    }

    @Test
    void theSameKeyIdWithAnotherSigningKeyReplacesTheOldState() throws Exception {
        SignalStore impostor = store("impostor");
        byte[] real = GroupCipher.distributionMessage(aliceStore, alice, new FixedRandom("same id"));
        // Same random for id and chain, other signing key: draw the same 36 bytes then different 32.
        byte[] prefix = new FixedRandom("same id").bytes(36);
        byte[] otherSigning = new FixedRandom("other signing").bytes(32);
        byte[] fake = GroupCipher.distributionMessage(impostor, alice, new ByteSequenceRandom(concat(prefix, otherSigning)));
        GroupCipher.processDistributionMessage(bobStore, alice, real);
        GroupCipher.processDistributionMessage(bobStore, alice, fake);
        assertThat(record(bobStore).states()).hasSize(1);
        byte[] fromAlice = GroupCipher.encrypt(aliceStore, alice, text("x"));
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, fromAlice, 2000), SignalException.Reason.BAD_SIGNATURE);
    }

    @Test
    void rejectsTamperingWithoutChangingTheState() throws Exception {
        setUpBob();
        byte[] skmsg = GroupCipher.encrypt(aliceStore, alice, text("intact"));
        byte[] before = bobStore.loadSenderKey(alice).orElseThrow();

        byte[] flippedSignature = skmsg.clone();
        flippedSignature[skmsg.length - 10] ^= 1;
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, flippedSignature, 2000), SignalException.Reason.BAD_SIGNATURE);
        byte[] flippedCiphertext = skmsg.clone();
        flippedCiphertext[skmsg.length - 70] ^= 1;
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, flippedCiphertext, 2000), SignalException.Reason.BAD_SIGNATURE);
        byte[] oldVersion = skmsg.clone();
        oldVersion[0] = 0x22;
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, oldVersion, 2000), SignalException.Reason.INVALID_MESSAGE);
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, Arrays.copyOf(skmsg, 40), 2000),
                SignalException.Reason.INVALID_MESSAGE);
        assertThat(bobStore.loadSenderKey(alice).orElseThrow()).isEqualTo(before);

        assertThat(GroupCipher.decrypt(bobStore, alice, skmsg, 2000)).isEqualTo(text("intact"));
    }

    @Test
    void aValidlySignedMessageThatDoesNotDecryptIsRejectedAndLeavesTheStateAlone() throws Exception {
        setUpBob();
        byte[] before = bobStore.loadSenderKey(alice).orElseThrow();
        SenderKeyState own = record(aliceStore).ownState().orElseThrow();
        byte[] garbage = SenderKeyWire.encodeMessage(own.keyId(), 0, new byte[32], own.signingPrivate());
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, garbage, 2000), SignalException.Reason.INVALID_MESSAGE);
        assertThat(bobStore.loadSenderKey(alice).orElseThrow()).isEqualTo(before);
    }

    @Test
    void missingKeysAreNoSenderKey() throws Exception {
        expectReason(() -> GroupCipher.encrypt(aliceStore, alice, text("x")), SignalException.Reason.NO_SENDER_KEY);
        SignalStore other = store("other");
        GroupCipher.distributionMessage(other, alice, random);
        byte[] skmsg = GroupCipher.encrypt(other, alice, text("x"));
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, skmsg, 2000), SignalException.Reason.NO_SENDER_KEY);
        // A received key is not ours to encrypt with.
        GroupCipher.processDistributionMessage(bobStore, alice, GroupCipher.distributionMessage(other, alice, random));
        expectReason(() -> GroupCipher.encrypt(bobStore, alice, text("x")), SignalException.Reason.NO_SENDER_KEY);
        // An unreadable stored record reads as no key, and a new distribution replaces it.
        bobStore.storeSenderKey(alice, new byte[] {(byte) 0xff, 1, 2});
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, skmsg, 2000), SignalException.Reason.NO_SENDER_KEY);
        GroupCipher.processDistributionMessage(bobStore, alice, GroupCipher.distributionMessage(other, alice, random));
        assertThat(record(bobStore).states()).hasSize(1);
    }

    @Test
    void badDistributionMessagesAreRejectedWithTheirReason() {
        byte[] skdm = GroupCipher.distributionMessage(aliceStore, alice, random);
        expectReason(() -> GroupCipher.processDistributionMessage(bobStore, alice, new byte[0]),
                SignalException.Reason.INVALID_MESSAGE);
        expectReason(() -> GroupCipher.processDistributionMessage(bobStore, alice, new byte[] {0x33, (byte) 0xff}),
                SignalException.Reason.INVALID_MESSAGE);
        byte[] wrongType = skdm.clone();
        wrongType[skdm.length - 33] = 0x07; // the signing key's 0x05 type byte
        expectReason(() -> GroupCipher.processDistributionMessage(bobStore, alice, wrongType), SignalException.Reason.INVALID_KEY);
        byte[] shortChain = SenderKeyWire.encodeDistribution(7, 0, new byte[31], new byte[32]);
        expectReason(() -> GroupCipher.processDistributionMessage(bobStore, alice, shortChain), SignalException.Reason.INVALID_KEY);
        assertThat(bobStore.loadSenderKey(alice)).isEmpty();
    }

    @Test
    void fuzzedInputOnlyEverFailsAsSignalException() throws Exception {
        setUpBob();
        byte[] skdm = GroupCipher.distributionMessage(aliceStore, alice, random);
        byte[] skmsg = GroupCipher.encrypt(aliceStore, alice, text("fuzz target"));
        Random rnd = new Random(7);
        for (int round = 0; round < 3000; round++) {
            byte[] input = mutate(rnd, round % 2 == 0 ? skmsg : skdm);
            try {
                if (round % 2 == 0) {
                    GroupCipher.decrypt(bobStore, alice, input, 2000);
                } else {
                    GroupCipher.processDistributionMessage(store("fuzz"), alice, input);
                }
            } catch (SignalException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        }
        // A proto that parses with a huge iteration is refused as too far ahead, not computed.
        SenderKeyState own = record(aliceStore).ownState().orElseThrow();
        byte[] farAhead = SenderKeyWire.encodeMessage(own.keyId(), 0xFFFF_FFFEL, new byte[16], own.signingPrivate());
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, farAhead, 2000), SignalException.Reason.TOO_MANY_SKIPPED_KEYS);
        byte[] noCiphertext = signedRaw(SenderKeyWhisper.newBuilder().setId(own.keyId()).setIteration(1).build().toByteArray(),
                own.signingPrivate());
        expectReason(() -> GroupCipher.decrypt(bobStore, alice, noCiphertext, 2000), SignalException.Reason.INVALID_MESSAGE);
    }

    @Test
    void recordsStayCompactWhenASenderLeavesAGapAfterEveryMessage() throws Exception {
        setUpBob();
        for (int i = 0; i < 5000; i++) {
            byte[] skmsg = GroupCipher.encrypt(aliceStore, alice, text("m" + i));
            if (i % 2 == 0) {
                GroupCipher.decrypt(bobStore, alice, skmsg, 2000);
            }
        }
        // 1000 unused odd keys inside a 2000-iteration window: a chain key and a 250-byte bitmap, not 1000 keys.
        assertThat(bobStore.loadSenderKey(alice).orElseThrow().length).isBetween(250, 450);
        assertThat(aliceStore.loadSenderKey(alice).orElseThrow().length).isLessThan(150);
    }

    private void setUpBob() throws SignalException {
        GroupCipher.processDistributionMessage(bobStore, alice, GroupCipher.distributionMessage(aliceStore, alice, random));
    }

    private static byte[] signedRaw(byte[] body, byte[] signingPrivate) {
        byte[] signed = concat(new byte[] {0x33}, body);
        return concat(signed, com.wagateway.whatsapp.crypto.XEdDsa.sign(signingPrivate, signed));
    }

    private static byte[] mutate(Random rnd, byte[] original) {
        byte[] out = original.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> out[rnd.nextInt(out.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> out = Arrays.copyOf(out, rnd.nextInt(out.length));
            case 2 -> {
                out = new byte[rnd.nextInt(200)];
                rnd.nextBytes(out);
                if (out.length > 0) {
                    out[0] = 0x33;
                }
            }
            default -> {
                for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                    out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
                }
            }
        }
        return out;
    }

    private static SenderKeyRecord record(SignalStore store) {
        return SenderKeyRecord.parse(store.loadSenderKey(new SenderKeyName(GROUP, new SignalAddress("111_1", 0))).orElseThrow());
    }

    private static void expectReason(ThrowingCallable call, SignalException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static SignalStore store(String label) {
        return new InMemorySignalStore(Curve25519.generateKeyPair(new FixedRandom(label)), 7);
    }
}
