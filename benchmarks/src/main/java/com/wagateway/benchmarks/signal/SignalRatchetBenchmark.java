package com.wagateway.benchmarks.signal;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SessionBuilder;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One ratchet step of the pairwise Signal cipher (fact sheet §9.5) through the public API, each call loading and
 * storing the session record in an {@link InMemorySignalStore} as the client does:
 * <ul>
 *   <li>{@code encryptMsg}: the next {@code msg} on an established sending chain;</li>
 *   <li>{@code decryptMsg}: the next {@code msg} of an established receiving chain (the receiver's record is put back
 *       before each call, a 300-byte array copy, so every call decrypts the same in-order message);</li>
 *   <li>{@code decryptRatchetTurn}: a message carrying a new ratchet key: close the old chain, two X25519 agreements
 *       and a key pair for the new receiving and sending chains, then decrypt.</li>
 * </ul>
 * The plaintext is 120 bytes, a padded short text Message. Compare with tools/interop/bench-signal.mjs (libsignal-node
 * 6.0.0, same operations); see docs/performance.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignalRatchetBenchmark {

    static final SignalAddress ALICE = new SignalAddress("15550001", 0);
    static final SignalAddress BOB = new SignalAddress("15550002", 1);

    @State(Scope.Thread)
    public static class Conversation {
        final RandomSource random = RandomSource.secure();
        byte[] plaintext;
        InMemorySignalStore alice;
        InMemorySignalStore bob;
        SessionCipher aliceCipher;
        SessionCipher bobCipher;
        /** Bob's record just before {@link #inChain} / {@link #newRatchet} arrive. */
        byte[] bobBeforeInChain;
        EncryptedMessage inChain;
        byte[] bobBeforeTurn;
        EncryptedMessage newRatchet;

        @Setup(Level.Trial)
        public void setUp() throws SignalException {
            plaintext = random.bytes(120);
            alice = new InMemorySignalStore(Curve25519.generateKeyPair(random), 1);
            Curve25519KeyPair bobIdentity = Curve25519.generateKeyPair(random);
            bob = new InMemorySignalStore(bobIdentity, 2);
            Curve25519KeyPair spk = Curve25519.generateKeyPair(random);
            byte[] signature = XEdDsa.sign(bobIdentity.privateKey(), spk.typedPublicKey());
            bob.addSignedPreKey(new SignedPreKey(1, spk, signature));
            Curve25519KeyPair opk = Curve25519.generateKeyPair(random);
            bob.addPreKey(5, opk);
            SessionBuilder.processBundle(alice, BOB, new PreKeyBundle(2, 1, bobIdentity.publicKey(), 1, spk.publicKey(),
                    signature, 5, opk.publicKey()), random);
            aliceCipher = new SessionCipher(alice, BOB, random, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
            bobCipher = new SessionCipher(bob, ALICE, random, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
            EncryptedMessage first = aliceCipher.encrypt(plaintext);
            bobCipher.decrypt(first.kind(), first.serialized());
            EncryptedMessage reply = bobCipher.encrypt(plaintext);
            aliceCipher.decrypt(reply.kind(), reply.serialized());
            // Alice's messages now start a new chain: the first is a ratchet turn for Bob, the second an in-chain step.
            newRatchet = aliceCipher.encrypt(plaintext);
            bobBeforeTurn = bob.loadSession(ALICE).orElseThrow();
            bobCipher.decrypt(MessageKind.MSG, newRatchet.serialized());
            inChain = aliceCipher.encrypt(plaintext);
            bobBeforeInChain = bob.loadSession(ALICE).orElseThrow();
        }
    }

    @Benchmark
    public EncryptedMessage encryptMsg(Conversation c) throws SignalException {
        return c.aliceCipher.encrypt(c.plaintext);
    }

    @Benchmark
    public byte[] decryptMsg(Conversation c) throws SignalException {
        c.bob.storeSession(ALICE, c.bobBeforeInChain);
        return c.bobCipher.decrypt(MessageKind.MSG, c.inChain.serialized());
    }

    @Benchmark
    public byte[] decryptRatchetTurn(Conversation c) throws SignalException {
        c.bob.storeSession(ALICE, c.bobBeforeTurn);
        return c.bobCipher.decrypt(MessageKind.MSG, c.newRatchet.serialized());
    }
}
