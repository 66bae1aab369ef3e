package com.wagateway.benchmarks.media;

import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.media.MediaCipher;
import com.wagateway.whatsapp.media.MediaHashes;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Media encryption and decryption throughput of {@link MediaCipher} (fact sheet §11.3: AES-256-CBC, HMAC-SHA256
 * truncated to 10 bytes, SHA-256 of plaintext and blob). One op = one whole file of {@code size} bytes; MB/s =
 * ops/s x size / 10^6 (tools/interop/bench-media.mjs prints the table). The plaintext (random bytes) always comes
 * from memory; the output goes to:
 * <ul>
 *   <li>{@code memory}: a preallocated array (pure cipher cost);</li>
 *   <li>{@code file}: a temporary file in java.io.tmpdir through a 64 KiB buffer, as Baileys' encryptedStream writes
 *       its blob to os.tmpdir() (the page cache absorbs it; no fsync on either side).</li>
 * </ul>
 * Decrypt verifies the MAC and both hashes (the message's fileEncSha256 and fileSha256), as a download does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class MediaCipherBenchmark {

    @Param({"65536", "1048576", "16777216"})
    int size;

    @Param({"memory", "file"})
    String sink;

    private final byte[] mediaKey = new byte[32];
    private byte[] plaintext;
    private byte[] blob;
    private MediaHashes hashes;
    private ArraySink memory;
    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(size);
        random.nextBytes(mediaKey);
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        memory = new ArraySink(size + 16 + MediaCipher.MAC_LENGTH);
        hashes = MediaCipher.encrypt(new ByteArrayInputStream(plaintext), memory, mediaKey, MediaType.VIDEO, size);
        blob = memory.copy();
        file = Files.createTempFile("media-bench", ".enc");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public MediaHashes encrypt() throws IOException {
        try (OutputStream out = open()) {
            return MediaCipher.encrypt(new ByteArrayInputStream(plaintext), out, mediaKey, MediaType.VIDEO, size);
        }
    }

    @Benchmark
    public MediaHashes decrypt() throws Exception {
        try (OutputStream out = open()) {
            return MediaCipher.decrypt(new ByteArrayInputStream(blob), out, mediaKey, MediaType.VIDEO,
                    hashes.fileEncSha256(), hashes.fileSha256(), blob.length);
        }
    }

    private OutputStream open() throws IOException {
        if (sink.equals("memory")) {
            memory.reset();
            return memory;
        }
        return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    /** A fixed array written from the start on each op: no growth, no copies. */
    static final class ArraySink extends OutputStream {
        private final byte[] buffer;
        private int count;

        ArraySink(int capacity) {
            buffer = new byte[capacity];
        }

        void reset() {
            count = 0;
        }

        byte[] copy() {
            return java.util.Arrays.copyOf(buffer, count);
        }

        @Override
        public void write(int b) {
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }
    }
}
