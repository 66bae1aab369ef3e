package com.wagateway.benchmarks.noise;

import com.wagateway.whatsapp.crypto.XEdDsa;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link XEdDsa#sign} (constant-time fixed-window base multiplication, twice per signature) over a
 * 32-byte message, for private keys of very different Hamming weight. With the constant-time
 * implementation the three key shapes should cost the same; the old BigInteger double-and-add
 * would show the low-weight key markedly faster. A sanity signal only, not a side-channel proof.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class XEdDsaSignBenchmark {

    @Param({"random", "zeros", "ones"})
    String key;

    byte[] privateKey;
    byte[] message;

    @Setup
    public void setUp() {
        Random random = new Random(25519);
        privateKey = new byte[32];
        switch (key) {
            case "zeros" -> Arrays.fill(privateKey, (byte) 0);       // clamps to 2^254
            case "ones" -> Arrays.fill(privateKey, (byte) 0xff);     // clamps to 2^255 - 8
            default -> random.nextBytes(privateKey);
        }
        message = new byte[32];
        random.nextBytes(message);
    }

    @Benchmark
    public byte[] sign() {
        return XEdDsa.sign(privateKey, message);
    }
}
