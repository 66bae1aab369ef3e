package com.wagateway.whatsapp.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.signal.SignalException.Reason;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SessionCipherTest {

    private TestDevice alice;
    private TestDevice bob;

    @BeforeEach
    void devices() {
        alice = new TestDevice("alice", new SignalAddress("111", 0));
        bob = new TestDevice("bob", new SignalAddress("222", 3));
    }

    @Test
    void roundTripsBothWaysAfterSetupWithOneTimePreKey() throws Exception {
        alice.startSessionWith(bob, 100);
        assertThat(alice.cipherFor(bob).hasSession()).isTrue();
        assertThat(bob.cipherFor(alice).hasSession()).isFalse();

        EncryptedMessage first = alice.cipherFor(bob).encrypt(text("hi bob"));
        EncryptedMessage second = alice.cipherFor(bob).encrypt(text("again"));
        assertThat(first.kind()).isEqualTo(MessageKind.PKMSG);
        assertThat(second.kind()).isEqualTo(MessageKind.PKMSG);
        assertThat(decrypt(bob, alice, first)).isEqualTo("hi bob");
        assertThat(bob.store.loadPreKey(100)).as("one-time prekey used up").isEmpty();
        assertThat(bob.store.loadIdentity(alice.address)).contains(alice.store.identityKeyPair().typedPublicKey());
        assertThat(decrypt(bob, alice, second)).isEqualTo("again");

        EncryptedMessage reply = bob.cipherFor(alice).encrypt(text("hello alice"));
        assertThat(reply.kind()).isEqualTo(MessageKind.MSG);
        assertThat(decrypt(alice, bob, reply)).isEqualTo("hello alice");
        EncryptedMessage third = alice.cipherFor(bob).encrypt(text("now plain msg"));
        assertThat(third.kind()).as("pkmsg stops once the remote answered").isEqualTo(MessageKind.MSG);
        assertThat(decrypt(bob, alice, third)).isEqualTo("now plain msg");

        for (int turn = 0; turn < 20; turn++) {
            TestDevice from = turn % 2 == 0 ? alice : bob;
            TestDevice to = from == alice ? bob : alice;
            for (int i = 0; i < turn % 4 + 1; i++) {
                String body = "turn " + turn + " message " + i;
                assertThat(decrypt(to, from, from.cipherFor(to).encrypt(text(body)))).isEqualTo(body);
            }
        }
    }

    @Test
    void setsUpWithoutOneTimePreKey() throws Exception {
        alice.startSessionWith(bob, PreKeyBundle.NO_PRE_KEY);
        assertThat(decrypt(bob, alice, alice.cipherFor(bob).encrypt(text("no opk")))).isEqualTo("no opk");
        assertThat(bob.store.loadPreKey(100)).isPresent();
        assertThat(decrypt(alice, bob, bob.cipherFor(alice).encrypt(text("ok")))).isEqualTo("ok");
    }

    @Test
    void decryptsOutOfOrderAcrossRatchetTurns() throws Exception {
        establish();
        List<EncryptedMessage> aliceBatch = encryptMany(alice, bob, "a", 10);
        assertThat(decrypt(bob, alice, aliceBatch.get(9))).isEqualTo("a9");
        assertThat(decrypt(bob, alice, aliceBatch.get(3))).isEqualTo("a3");
        assertThat(decrypt(alice, bob, bob.cipherFor(alice).encrypt(text("turn")))).isEqualTo("turn");
        List<EncryptedMessage> next = encryptMany(alice, bob, "b", 3);
        assertThat(decrypt(bob, alice, next.get(2))).isEqualTo("b2");
        // Late messages of the previous (now closed) chain still decrypt from their kept keys.
        for (int i : new int[] {0, 8, 1, 2, 4, 5, 6, 7}) {
            assertThat(decrypt(bob, alice, aliceBatch.get(i))).isEqualTo("a" + i);
        }
        assertThat(decrypt(bob, alice, next.get(0))).isEqualTo("b0");
        assertThat(decrypt(bob, alice, next.get(1))).isEqualTo("b1");
    }

    @Test
    void lateLastMessageOfAChainDecryptsAfterTheRatchetTurn() throws Exception {
        establish();
        List<EncryptedMessage> batch = encryptMany(alice, bob, "x", 3);
        decrypt(bob, alice, batch.get(0));
        decrypt(alice, bob, bob.cipherFor(alice).encrypt(text("reply")));
        EncryptedMessage afterTurn = alice.cipherFor(bob).encrypt(text("new chain"));
        assertThat(decrypt(bob, alice, afterTurn)).isEqualTo("new chain");
        // x1 and x2 were never seen on Bob's side: the turn filled them up to Alice's previousCounter.
        assertThat(decrypt(bob, alice, batch.get(2))).isEqualTo("x2");
        assertThat(decrypt(bob, alice, batch.get(1))).isEqualTo("x1");
    }

    @Test
    void skippedKeysAreBoundedPerChain() throws Exception {
        establish();
        List<EncryptedMessage> ahead = encryptMany(alice, bob, "s", 2001);
        // Bob's receiving chain stands at the last message he read; message k of this batch is k keys ahead.
        assertRejected(() -> bob.cipherFor(alice).decrypt(MessageKind.MSG, ahead.get(2000).serialized()),
                Reason.TOO_MANY_SKIPPED_KEYS);
        assertThat(decrypt(bob, alice, ahead.get(1999))).as("2,000 ahead is allowed").isEqualTo("s1999");
        assertThat(decrypt(bob, alice, ahead.get(2000))).isEqualTo("s2000");
        assertThat(decrypt(bob, alice, ahead.get(0))).as("skipped keys were kept").isEqualTo("s0");
        assertThat(decrypt(bob, alice, ahead.get(1998))).isEqualTo("s1998");
    }

    @Test
    void configuredBoundLimitsJumpAndKeptKeys() throws Exception {
        establish();
        List<EncryptedMessage> ahead = encryptMany(alice, bob, "c", 30);
        SessionCipher strict = bob.cipherFor(alice, 10);
        assertRejected(() -> strict.decrypt(MessageKind.MSG, ahead.get(10).serialized()), Reason.TOO_MANY_SKIPPED_KEYS);
        assertThat(new String(MessagePadding.unpad(strict.decrypt(MessageKind.MSG, ahead.get(9).serialized())),
                StandardCharsets.UTF_8)).isEqualTo("c9");
        assertThat(new String(MessagePadding.unpad(strict.decrypt(MessageKind.MSG, ahead.get(19).serialized())),
                StandardCharsets.UTF_8)).isEqualTo("c19");
        // 19 keys were skipped in all but at most 10 are kept: the oldest (c0..c8) are gone.
        assertRejected(() -> strict.decrypt(MessageKind.MSG, ahead.get(0).serialized()), Reason.DUPLICATE_MESSAGE);
        assertThat(new String(MessagePadding.unpad(strict.decrypt(MessageKind.MSG, ahead.get(18).serialized())),
                StandardCharsets.UTF_8)).isEqualTo("c18");
    }

    @Test
    void skippedKeysAreBoundedAcrossTheWholeRecordOldestFirst() throws Exception {
        establish();
        SessionCipher bobReads = bob.cipherFor(alice, 10);
        List<EncryptedMessage> first = encryptMany(alice, bob, "a", 8);
        bobReads.decrypt(MessageKind.MSG, first.get(7).serialized()); // a0..a6 skipped (7 keys)
        decrypt(alice, bob, bob.cipherFor(alice).encrypt(text("turn")));
        List<EncryptedMessage> second = encryptMany(alice, bob, "b", 8);
        bobReads.decrypt(MessageKind.MSG, second.get(7).serialized()); // b0..b6 skipped: 14 in two chains

        SessionRecord record = SessionRecord.deserialize(bob.store.loadSession(alice.address).orElseThrow());
        int kept = record.states().stream().flatMap(s -> s.chains.stream()).mapToInt(RatchetChain::skippedCount).sum();
        assertThat(kept).as("at most the configured bound in the whole record").isEqualTo(10);
        for (int i = 0; i < 4; i++) {
            int n = i;
            assertRejected(() -> bobReads.decrypt(MessageKind.MSG, first.get(n).serialized()),
                    Reason.DUPLICATE_MESSAGE);
        }
        for (int i = 4; i < 7; i++) {
            assertThat(new String(MessagePadding.unpad(bobReads.decrypt(MessageKind.MSG, first.get(i).serialized())),
                    StandardCharsets.UTF_8)).isEqualTo("a" + i);
        }
        for (int i = 0; i < 7; i++) {
            assertThat(new String(MessagePadding.unpad(bobReads.decrypt(MessageKind.MSG, second.get(i).serialized())),
                    StandardCharsets.UTF_8)).isEqualTo("b" + i);
        }
    }

    @Test
    void aRecordStaysSmallUnderChurnAndTheCommonCaseKeepsEverything() throws Exception {
        establish();
        // The common case: a few late messages in the current chain, all still decrypt with the default bound.
        List<EncryptedMessage> late = encryptMany(alice, bob, "l", 20);
        assertThat(decrypt(bob, alice, late.get(19))).isEqualTo("l19");
        for (int i = 0; i < 19; i++) {
            assertThat(decrypt(bob, alice, late.get(i))).isEqualTo("l" + i);
        }
        // Churn: the remote sets up a new session 45 times (more than libsignal's 40 kept states), each time
        // leaving 300 unread messages behind.
        for (int round = 0; round < 45; round++) {
            alice.startSessionWith(bob, PreKeyBundle.NO_PRE_KEY);
            List<EncryptedMessage> burst = encryptMany(alice, bob, "r", 300);
            assertThat(decrypt(bob, alice, burst.get(299))).isEqualTo("r299");
        }
        byte[] stored = bob.store.loadSession(alice.address).orElseThrow();
        SessionRecord record = SessionRecord.deserialize(stored);
        assertThat(record.states()).hasSizeLessThanOrEqualTo(SessionRecord.MAX_STATES);
        int kept = record.states().stream().flatMap(s -> s.chains.stream()).mapToInt(RatchetChain::skippedCount).sum();
        assertThat(kept).isLessThanOrEqualTo(SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
        // 2,000 keys of 36 bytes plus the states: well under 100 KB, where 40 states x 5 chains x 2,000 was ~14 MB
        assertThat(stored.length).isLessThan(100_000);
    }

    @Test
    void duplicatesAreRejectedAndLeaveTheSessionWorking() throws Exception {
        alice.startSessionWith(bob, 101);
        EncryptedMessage pkmsg = alice.cipherFor(bob).encrypt(text("once"));
        assertThat(decrypt(bob, alice, pkmsg)).isEqualTo("once");
        assertRejected(() -> bob.cipherFor(alice).decrypt(MessageKind.PKMSG, pkmsg.serialized()), Reason.DUPLICATE_MESSAGE);
        EncryptedMessage reply = bob.cipherFor(alice).encrypt(text("r"));
        decrypt(alice, bob, reply);
        assertRejected(() -> alice.cipherFor(bob).decrypt(MessageKind.MSG, reply.serialized()), Reason.DUPLICATE_MESSAGE);
        EncryptedMessage msg = alice.cipherFor(bob).encrypt(text("m"));
        decrypt(bob, alice, msg);
        assertRejected(() -> bob.cipherFor(alice).decrypt(MessageKind.MSG, msg.serialized()), Reason.DUPLICATE_MESSAGE);
        assertThat(decrypt(bob, alice, alice.cipherFor(bob).encrypt(text("still fine")))).isEqualTo("still fine");
    }

    @Test
    void tamperedMessagesFailTheMacAndChangeNothing() throws Exception {
        establish();
        EncryptedMessage msg = alice.cipherFor(bob).encrypt(text("integrity"));
        byte[] before = bob.store.loadSession(alice.address).orElseThrow();
        for (int index : new int[] {msg.serialized().length - 1, msg.serialized().length - 12, 40}) {
            byte[] tampered = msg.serialized().clone();
            tampered[index] ^= 0x01;
            assertThatThrownBy(() -> bob.cipherFor(alice).decrypt(MessageKind.MSG, tampered))
                    .isInstanceOf(SignalException.class)
                    .satisfies(e -> assertThat(((SignalException) e).reason()).isIn(Reason.BAD_MAC, Reason.INVALID_MESSAGE));
        }
        byte[] macFlipped = msg.serialized().clone();
        macFlipped[macFlipped.length - 1] ^= 0x40;
        assertRejected(() -> bob.cipherFor(alice).decrypt(MessageKind.MSG, macFlipped), Reason.BAD_MAC);
        assertThat(bob.store.loadSession(alice.address).orElseThrow()).isEqualTo(before);
        assertThat(decrypt(bob, alice, msg)).isEqualTo("integrity");
    }

    @Test
    void unknownPreKeysAreReported() throws Exception {
        alice.startSessionWith(bob, 105);
        EncryptedMessage pkmsg = alice.cipherFor(bob).encrypt(text("x"));
        bob.store.removePreKey(105);
        assertRejected(() -> bob.cipherFor(alice).decrypt(MessageKind.PKMSG, pkmsg.serialized()), Reason.NO_PRE_KEY);
        assertThat(bob.cipherFor(alice).hasSession()).isFalse();

        TestDevice carol = new TestDevice("carol", new SignalAddress("333", 0));
        carol.startSessionWith(bob, 106);
        EncryptedMessage fromCarol = carol.cipherFor(bob).encrypt(text("y"));
        InMemorySignalStore withoutSignedPreKey = new InMemorySignalStore(bob.store.identityKeyPair(), 9);
        withoutSignedPreKey.addPreKey(106, bob.store.loadPreKey(106).orElseThrow());
        assertRejected(() -> new SessionCipher(withoutSignedPreKey, carol.address, bob.random, 2000)
                .decrypt(MessageKind.PKMSG, fromCarol.serialized()), Reason.NO_SIGNED_PRE_KEY);
    }

    @Test
    void changedIdentityReplacesTheOldSession() throws Exception {
        establish();
        TestDevice reinstalled = new TestDevice("alice reinstalled", alice.address);
        reinstalled.startSessionWith(bob, 102);
        EncryptedMessage pkmsg = reinstalled.cipherFor(bob).encrypt(text("new phone"));
        assertThat(decrypt(bob, reinstalled, pkmsg)).isEqualTo("new phone");
        assertThat(bob.store.loadIdentity(alice.address)).contains(reinstalled.store.identityKeyPair().typedPublicKey());
        SessionRecord record = SessionRecord.deserialize(bob.store.loadSession(alice.address).orElseThrow());
        assertThat(record.states()).as("old session deleted, not archived").hasSize(1);
        assertThat(decrypt(reinstalled, bob, bob.cipherFor(reinstalled).encrypt(text("welcome back")))).isEqualTo("welcome back");
        // The old installation's messages no longer decrypt.
        EncryptedMessage stale = alice.cipherFor(bob).encrypt(text("old"));
        assertThatThrownBy(() -> bob.cipherFor(alice).decrypt(stale.kind(), stale.serialized())).isInstanceOf(SignalException.class);
    }

    @Test
    void aForgedPkmsgWithAnotherIdentityAndABadMacLeavesTheWorkingSessionAndIdentity() throws Exception {
        establish();
        byte[] sessionBefore = bob.store.loadSession(alice.address).orElseThrow();
        byte[] identityBefore = bob.store.loadIdentity(alice.address).orElseThrow();
        // An attacker (another identity) claims Alice's address; its pkmsg is otherwise well formed, but its MAC
        // (which covers both identities) is broken, as any forgery's or tampered message's would be.
        TestDevice forger = new TestDevice("forger", alice.address);
        forger.startSessionWith(bob, 107);
        PreKeySignalMessage genuine = PreKeySignalMessage.parse(
                forger.cipherFor(bob).encrypt(text("let me in")).serialized());
        byte[] inner = genuine.message().serialized().clone();
        inner[inner.length - 1] ^= 0x40; // the last byte belongs to the MAC
        byte[] forged = PreKeySignalMessage.serialize(genuine.preKeyId(), Curve25519.typed(genuine.baseKey()),
                genuine.identityKey(), inner, genuine.registrationId(), genuine.signedPreKeyId());
        assertRejected(() -> bob.cipherFor(alice).decrypt(MessageKind.PKMSG, forged), Reason.BAD_MAC);

        assertThat(bob.store.loadIdentity(alice.address)).contains(identityBefore);
        assertThat(bob.store.loadSession(alice.address)).contains(sessionBefore);
        assertThat(bob.store.loadPreKey(107)).as("the one-time prekey is not spent on a forgery").isPresent();
        assertThat(decrypt(bob, alice, alice.cipherFor(bob).encrypt(text("still us")))).isEqualTo("still us");
        assertThat(decrypt(alice, bob, bob.cipherFor(alice).encrypt(text("yes")))).isEqualTo("yes");
    }

    @Test
    void archivedSessionsStillDecryptAndAreBounded() throws Exception {
        establish();
        EncryptedMessage inFlight = bob.cipherFor(alice).encrypt(text("sent before alice re-keyed"));
        alice.startSessionWith(bob, 103);
        assertThat(decrypt(alice, bob, inFlight)).isEqualTo("sent before alice re-keyed");
        EncryptedMessage pkmsg = alice.cipherFor(bob).encrypt(text("fresh"));
        assertThat(pkmsg.kind()).isEqualTo(MessageKind.PKMSG);
        assertThat(decrypt(bob, alice, pkmsg)).isEqualTo("fresh");
        assertThat(decrypt(alice, bob, bob.cipherFor(alice).encrypt(text("on the new one")))).isEqualTo("on the new one");

        for (int i = 0; i < SessionRecord.MAX_STATES + 5; i++) {
            alice.startSessionWith(bob, PreKeyBundle.NO_PRE_KEY);
        }
        SessionRecord record = SessionRecord.deserialize(alice.store.loadSession(bob.address).orElseThrow());
        assertThat(record.states()).hasSize(SessionRecord.MAX_STATES);
        assertThat(record.states().stream().filter(s -> !s.closed)).hasSize(1);
    }

    @Test
    void bundleWithBadSignatureIsRefused() {
        PreKeyBundle good = bob.bundle(100);
        byte[] signature = good.signedPreKeySignature().clone();
        signature[5] ^= 1;
        PreKeyBundle bad = new PreKeyBundle(good.registrationId(), good.deviceId(), good.identityKey(),
                good.signedPreKeyId(), good.signedPreKey(), signature, good.preKeyId(), good.preKey());
        assertRejected(() -> SessionBuilder.processBundle(alice.store, bob.address, bad, alice.random), Reason.BAD_SIGNATURE);
        PreKeyBundle shortKey = new PreKeyBundle(good.registrationId(), good.deviceId(), new byte[7],
                good.signedPreKeyId(), good.signedPreKey(), good.signedPreKeySignature(), good.preKeyId(), good.preKey());
        assertRejected(() -> SessionBuilder.processBundle(alice.store, bob.address, shortKey, alice.random), Reason.INVALID_KEY);
    }

    @Test
    void missingSessionsAndWrongKinds() throws Exception {
        assertRejected(() -> alice.cipherFor(bob).encrypt(text("x")), Reason.NO_SESSION);
        establish();
        EncryptedMessage msg = alice.cipherFor(bob).encrypt(text("x"));
        TestDevice stranger = new TestDevice("stranger", new SignalAddress("999", 0));
        assertRejected(() -> stranger.cipherFor(alice).decrypt(MessageKind.MSG, msg.serialized()), Reason.NO_SESSION);
        assertRejected(() -> bob.cipherFor(alice).decrypt(MessageKind.SKMSG, msg.serialized()), Reason.INVALID_MESSAGE);
        assertThatThrownBy(() -> bob.cipherFor(alice).decrypt(MessageKind.PKMSG, msg.serialized()))
                .isInstanceOf(SignalException.class);
    }

    @Test
    void garbageNeverEscapesAsAnotherException() throws Exception {
        alice.startSessionWith(bob, 104);
        EncryptedMessage pkmsg = alice.cipherFor(bob).encrypt(text("first"));
        com.wagateway.whatsapp.crypto.Curve25519KeyPair preKey = bob.store.loadPreKey(104).orElseThrow();
        java.util.Random rng = new java.util.Random(7);
        List<byte[]> inputs = new ArrayList<>();
        for (int len = 0; len < pkmsg.serialized().length; len++) {
            inputs.add(Arrays.copyOf(pkmsg.serialized(), len));
        }
        for (int i = 0; i < 400; i++) {
            byte[] mutated = pkmsg.serialized().clone();
            for (int flips = 1 + rng.nextInt(4); flips > 0; flips--) {
                mutated[rng.nextInt(mutated.length)] ^= (byte) (1 << rng.nextInt(8));
            }
            inputs.add(mutated);
            byte[] random = new byte[rng.nextInt(300)];
            rng.nextBytes(random);
            if (random.length > 0) {
                random[0] = 0x33;
            }
            inputs.add(random);
        }
        for (byte[] input : inputs) {
            if (Arrays.equals(input, pkmsg.serialized())) {
                continue;
            }
            for (MessageKind kind : MessageKind.values()) {
                Executable call = () -> bob.cipherFor(alice).decrypt(kind, input);
                try {
                    call.execute();
                    // A flip in an ignored spot (e.g. the registration id) may still decrypt; that is fine.
                } catch (SignalException expected) {
                    // the only acceptable failure
                } catch (Throwable other) {
                    throw new AssertionError("input " + java.util.HexFormat.of().formatHex(input) + " as " + kind
                            + " escaped as " + other, other);
                }
            }
            bob.store.deleteSession(alice.address);
            bob.store.addPreKey(104, preKey);
        }
        assertThat(decrypt(bob, alice, pkmsg)).isEqualTo("first");
        // And garbage against an established session.
        EncryptedMessage msg = alice.cipherFor(bob).encrypt(text("second"));
        for (int len = 0; len < msg.serialized().length; len++) {
            byte[] cut = Arrays.copyOf(msg.serialized(), len);
            assertThatThrownBy(() -> bob.cipherFor(alice).decrypt(MessageKind.MSG, cut)).isInstanceOf(SignalException.class);
        }
        assertThat(decrypt(bob, alice, msg)).isEqualTo("second");
    }

    private void establish() throws SignalException {
        alice.startSessionWith(bob, 100);
        decrypt(bob, alice, alice.cipherFor(bob).encrypt(text("setup")));
        decrypt(alice, bob, bob.cipherFor(alice).encrypt(text("ack")));
        decrypt(bob, alice, alice.cipherFor(bob).encrypt(text("msg")));
    }

    private static List<EncryptedMessage> encryptMany(TestDevice from, TestDevice to, String prefix, int count)
            throws SignalException {
        List<EncryptedMessage> out = new ArrayList<>(count);
        SessionCipher cipher = from.cipherFor(to);
        for (int i = 0; i < count; i++) {
            out.add(cipher.encrypt(text(prefix + i)));
        }
        return out;
    }

    private static String decrypt(TestDevice to, TestDevice from, EncryptedMessage message) throws SignalException {
        byte[] padded = to.cipherFor(from).decrypt(message.kind(), message.serialized());
        return new String(MessagePadding.unpad(padded), StandardCharsets.UTF_8);
    }

    private static byte[] text(String s) {
        return MessagePadding.pad(s.getBytes(StandardCharsets.UTF_8), out -> Arrays.fill(out, (byte) s.length()));
    }

    private static void assertRejected(Executable call, Reason reason) {
        assertThatThrownBy(call::execute).isInstanceOf(SignalException.class)
                .satisfies(e -> assertThat(((SignalException) e).reason()).isEqualTo(reason));
    }
}
