package com.wagateway.benchmarks.noise;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import com.wagateway.whatsapp.noise.CertChainVerifier;
import com.wagateway.whatsapp.noise.HandshakeException;
import com.wagateway.whatsapp.noise.NoiseInitiator;
import com.wagateway.whatsapp.noise.NoiseProtocol;
import com.wagateway.whatsapp.noise.NoiseResponder;
import com.wagateway.whatsapp.noise.TransportCipher;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Post-handshake frame encryption and decryption (fact sheet §3.3 step 4: AES-256-GCM, counter
 * nonce, empty AAD) through {@link TransportCipher}, after a real handshake. Compare with
 * tools/interop/bench-noise.mjs (Baileys' noise handler, same sizes); see docs/performance.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NoiseTransportBenchmark {

    /** Decrypt batch: ciphertexts must be consumed in counter order, so each invocation gets a fresh pair. */
    static final int BATCH = 1024;

    /** A long-lived sending cipher; set up once per trial. */
    @State(Scope.Thread)
    public static class Sender {
        @Param({"64", "1024", "16384"})
        int size;
        byte[] plaintext;
        TransportCipher cipher;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            plaintext = payload(size);
            cipher = handshake()[0];
        }
    }

    /**
     * A fresh receiving cipher with BATCH ciphertexts in counter order for every invocation; kept in
     * its own state so the per-invocation setup does not disturb the encrypt benchmark.
     */
    @State(Scope.Thread)
    public static class Receiver {
        @Param({"64", "1024", "16384"})
        int size;
        TransportCipher cipher;
        byte[][] ciphertexts;

        @Setup(Level.Invocation)
        public void setUp() throws Exception {
            byte[] plaintext = payload(size);
            TransportCipher[] pair = handshake();
            cipher = pair[1];
            ciphertexts = new byte[BATCH][];
            for (int i = 0; i < BATCH; i++) {
                ciphertexts[i] = pair[0].encrypt(plaintext);
            }
        }
    }

    @Benchmark
    public byte[] encrypt(Sender sender) throws CryptoException {
        return sender.cipher.encrypt(sender.plaintext);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decrypt(Receiver receiver, Blackhole blackhole) throws CryptoException {
        for (byte[] ciphertext : receiver.ciphertexts) {
            blackhole.consume(receiver.cipher.decrypt(ciphertext));
        }
    }

    static byte[] payload(int size) {
        byte[] plaintext = new byte[size];
        new Random(size).nextBytes(plaintext);
        return plaintext;
    }

    private static final Random SEEDED = new Random(7);
    private static final RandomSource RANDOM = SEEDED::nextBytes;
    private static final Curve25519KeyPair ROOT = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair SERVER_STATIC = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair CLIENT_STATIC = Curve25519.generateKeyPair(RANDOM);
    /** Signed once: chain signing is not what is measured. */
    private static final byte[] CHAIN = new CertChainBuilder(ROOT, Curve25519.generateKeyPair(RANDOM))
            .build(SERVER_STATIC.publicKey());

    /** [client transport, server transport] after a complete handshake (fresh ephemerals). */
    static synchronized TransportCipher[] handshake() throws HandshakeException {
        NoiseInitiator client = NoiseInitiator.create(CLIENT_STATIC, new CertChainVerifier(TrustRoot.of(ROOT.publicKey())), RANDOM);
        NoiseResponder server = NoiseResponder.create(SERVER_STATIC, CHAIN, RANDOM);
        server.readClientHello(NoiseProtocol.waHeader(), client.clientHello());
        client.readServerHello(server.serverHello());
        server.readClientFinish(client.clientFinish(new byte[100]));
        return new TransportCipher[] {client.transport(), server.transport()};
    }
}
