package com.wagateway.benchmarks.binary;

import com.wagateway.whatsapp.binary.BinaryDecodeException;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
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
 * Encode and decode of typical nodes (docs/performance.md, "Binary node codec"); the same
 * nodes tools/interop/bench-binary.mjs times with Baileys.
 * <pre>java -jar benchmarks/target/benchmarks.jar 'binary' -f 1 -wi 3 -i 5 -w 1s -r 1s</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BinaryCodecBenchmark {
    @Param({"MESSAGE", "USYNC", "RECEIPT"})
    public String node;

    private final BinaryEncoder encoder = new BinaryEncoder();
    private final BinaryDecoder decoder = new BinaryDecoder();
    private Node value;
    private byte[] frame;

    @Setup
    public void setUp() {
        value = BenchmarkNodes.valueOf(node).check();
        frame = encoder.encodeFrame(value);
    }

    @Benchmark
    public byte[] encode() {
        return encoder.encodeFrame(value);
    }

    @Benchmark
    public Node decode() throws BinaryDecodeException {
        return decoder.decodeFrame(frame);
    }
}
